// Prepares the job's app in workspace/: the template's starter files (app/, run-app.sh, run-app.bat,
// Dockerfile), its baked node_modules (so the first install has little to fetch and the build works
// even when the registry cannot be reached), then the scaffold the app side uploaded.
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from "node:fs";
import path from "node:path";
import console from "node:console";
import process from "node:process";

const template = process.env.AIGENCY_TEMPLATE_DIR;
if (!template || !existsSync(template)) {
  console.error("prepare: AIGENCY_TEMPLATE_DIR is not set or missing; the sandbox was not made from the app-starter template");
  process.exit(2);
}
const workspace = path.resolve("workspace");
const NOT_STARTER = new Set(["node_modules", "rules", "package.json", "package-lock.json", ".ready"]);
mkdirSync(workspace, { recursive: true });

for (const name of readdirSync(template)) {
  if (!NOT_STARTER.has(name)) cpSync(path.join(template, name), path.join(workspace, name), { recursive: true });
}
const modules = path.join(template, "node_modules");
if (existsSync(modules)) cpSync(modules, path.join(workspace, "node_modules"), { recursive: true, verbatimSymlinks: true });
linkBins(path.join(workspace, "node_modules"));

// The app's fixed files from the app side (package.json, tsconfig, next.config, README…), over the starter's.
const scaffold = path.resolve(".agent/input/scaffold");
if (!existsSync(path.join(scaffold, "package.json"))) {
  console.error("prepare: .agent/input/scaffold/package.json is missing; upload the job's inputs first");
  process.exit(2);
}
cpSync(scaffold, workspace, { recursive: true });
// Double-click to run (plan 004): the mode travels into the ZIP.
if (existsSync(path.join(workspace, "run-app.sh"))) chmodSync(path.join(workspace, "run-app.sh"), 0o755);
console.log(JSON.stringify({ ok: true, workspace: "workspace" }));

// The template's packages were copied without their .bin links; npm run needs them (next, tsc).
function linkBins(dir) {
  if (!existsSync(dir)) return;
  const bin = path.join(dir, ".bin");
  mkdirSync(bin, { recursive: true });
  const packages = readdirSync(dir).flatMap((n) => (n.startsWith("@") ? readdirSync(path.join(dir, n)).map((m) => `${n}/${m}`) : n.startsWith(".") ? [] : [n]));
  for (const name of packages) {
    const manifest = path.join(dir, name, "package.json");
    if (!existsSync(manifest)) continue;
    const pkg = JSON.parse(readFileSync(manifest, "utf8"));
    const bins = typeof pkg.bin === "string" ? { [name.split("/").pop()]: pkg.bin } : (pkg.bin ?? {});
    for (const [cmd, file] of Object.entries(bins)) {
      const link = path.join(bin, cmd);
      if (existsSync(link)) continue;
      symlinkSync(path.relative(bin, path.join(dir, name, file)), link);
      chmodSync(path.join(dir, name, file), 0o755);
    }
  }
}
