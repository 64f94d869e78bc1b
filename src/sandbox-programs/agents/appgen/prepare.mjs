// Prepares the job's app in workspace/: the template's starter files, its baked node_modules (so the
// first install has little to fetch and the build works even when the registry cannot be reached),
// the generated package.json and the fixed config and run scripts every generated app ships with.
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import console from "node:console";
import process from "node:process";
import { runAppBat, runAppSh, defaultReadme, defaultEnvExample } from "./run-scripts.mjs";

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

const write = (file, content, mode) => {
  const target = path.join(workspace, file);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, content);
  if (mode) chmodSync(target, mode);
};
const spec = JSON.parse(readFileSync(".agent/input/spec.json", "utf8"));
write("package.json", readFileSync(".agent/input/package.json", "utf8"));
write(
  "tsconfig.json",
  `${JSON.stringify(
    {
      compilerOptions: {
        target: "ES2020", lib: ["dom", "dom.iterable", "esnext"], allowJs: false, skipLibCheck: true, strict: true, noEmit: true,
        esModuleInterop: true, module: "esnext", moduleResolution: "bundler", resolveJsonModule: true, isolatedModules: true,
        jsx: "preserve", incremental: true, plugins: [{ name: "next" }], paths: { "@/*": ["./*"] },
      },
      include: ["next-env.d.ts", "**/*.ts", "**/*.tsx", ".next/types/**/*.ts"],
      exclude: ["node_modules"],
    },
    null,
    2,
  )}\n`,
);
write("next.config.mjs", "/** @type {import('next').NextConfig} */\nconst nextConfig = {};\n\nexport default nextConfig;\n");
write(".gitignore", "node_modules/\n.next/\nout/\n.env\n");
write("run-app.sh", runAppSh(), 0o755);
write("run-app.bat", runAppBat());
// The integration agent writes its own; these make sure the ZIP always has them.
write("README.md", defaultReadme(spec.brief?.title ?? "Your app"));
write(".env.example", defaultEnvExample());
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
