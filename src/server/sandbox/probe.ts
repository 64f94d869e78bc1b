import type { SnapshotVerification } from "@/server/db/schema/sandbox";

/** What to check in a sandbox made from a snapshot (or in a local template directory). */
export interface ProbePlan {
  tools: string[];
  templates: { name: string; dir: string; rulesFiles: string[]; dependencies: string[] }[];
  /** Daytona images run as their own non-root user; the local sandbox is the app's own user. */
  requireNonRoot: boolean;
}

// Loads each dependency the way the agent does (createRequire on the template's package.json). A package
// without an entry point (a fonts package) or with types only (@types/*) only has to be installed. Double quotes only: it sits in '…'.
const LOAD_DEPENDENCIES = [
  'const { createRequire } = require("node:module"); const fs = require("node:fs"); const path = require("node:path");',
  "const [name, dir, ...deps] = process.argv.slice(1); const req = createRequire(path.join(dir, \"package.json\"));",
  "for (const d of deps) { let ok = 0; try {",
  'const pkg = JSON.parse(fs.readFileSync(path.join(dir, "node_modules", d, "package.json"), "utf8"));',
  "if ((pkg.main || pkg.exports) && !d.startsWith(\"@types/\")) req(d); ok = 1; } catch {}",
  'console.log("load:" + name + "/" + d + "=" + ok); }',
].join(" ");

const q = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;
const flag = (key: string, test: string) => `if ${test}; then echo ${q(`${key}=1`)}; else echo ${q(`${key}=0`)}; fi`;

/** One shell script that prints `key=value` lines: one round trip to the sandbox for every check. */
export function probeScript(plan: ProbePlan): string {
  const lines = ['echo "node=$(node --version 2>/dev/null)"', 'echo "uid=$(id -u)"', 'echo "user=$(id -un)"'];
  for (const tool of plan.tools) lines.push(flag(`tool:${tool}`, `command -v ${q(tool)} >/dev/null 2>&1`));
  for (const t of plan.templates) {
    for (const f of t.rulesFiles) lines.push(flag(`rules:${t.name}/${f}`, `[ -f ${q(`${t.dir}/${f}`)} ]`));
    lines.push(flag(`node_modules:${t.name}`, `[ -d ${q(`${t.dir}/node_modules`)} ]`));
    if (t.dependencies.length > 0) {
      lines.push(`node -e ${q(LOAD_DEPENDENCIES)} ${[t.name, t.dir, ...t.dependencies].map(q).join(" ")}`);
    }
  }
  return lines.join("\n");
}

/** Reads the probe's output into the stored verification; anything not reported counts as missing. */
export function readProbe(plan: ProbePlan, output: string): SnapshotVerification {
  const seen = new Map<string, string>();
  for (const line of output.split("\n")) {
    const at = line.indexOf("=");
    if (at > 0) seen.set(line.slice(0, at).trim(), line.slice(at + 1).trim());
  }
  const yes = (key: string) => seen.get(key) === "1";
  const failures: string[] = [];
  const nodeVersion = seen.get("node") || undefined;
  if (!nodeVersion?.startsWith("v20.")) failures.push(`Node is ${nodeVersion ?? "missing"}, not 20.x`);
  const uid = seen.get("uid");
  const user = uid === undefined ? undefined : `${seen.get("user") ?? "?"} (uid ${uid})`;
  if (uid === undefined) failures.push("The user id was not reported");
  else if (plan.requireNonRoot && uid === "0") failures.push("Commands run as root (uid 0)");

  const tools = Object.fromEntries(plan.tools.map((t) => [t, yes(`tool:${t}`)]));
  for (const [tool, ok] of Object.entries(tools)) if (!ok) failures.push(`Tool ${tool} is missing`);
  const rulesFiles: Record<string, boolean> = {};
  for (const t of plan.templates) {
    for (const f of t.rulesFiles) {
      rulesFiles[`${t.name}/${f}`] = yes(`rules:${t.name}/${f}`);
      if (!yes(`rules:${t.name}/${f}`)) failures.push(`${t.name}: rules file ${f} is missing`);
    }
    if (!yes(`node_modules:${t.name}`)) failures.push(`${t.name}: node_modules is missing`);
    for (const d of t.dependencies) if (!yes(`load:${t.name}/${d}`)) failures.push(`${t.name}: ${d} does not load`);
  }
  return { nodeVersion, user, tools, rulesFiles, passed: failures.length === 0, failures };
}
