import { execFile, execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { GeneratedFile } from "@/server/appgen/agents/types";

/**
 * Writes a generated app into `dir` and gives it the repo's own next/react/typescript without the
 * registry: the packages they need are hard-linked (`cp -l`) from this checkout's node_modules, as real
 * files inside the app, because Turbopack refuses a node_modules symlinked from outside its root.
 */

const REPO_MODULES = path.resolve(import.meta.dirname, "../../../../node_modules");
const ROOTS = ["next", "react", "react-dom", "typescript", "@types/react", "@types/react-dom", "@types/node"];

function dependencyClosure(): string[] {
  const seen = new Set<string>();
  const todo = [...ROOTS];
  while (todo.length) {
    const name = todo.pop()!;
    const manifest = path.join(REPO_MODULES, name, "package.json");
    if (seen.has(name) || !existsSync(manifest)) continue;
    seen.add(name);
    const pkg = JSON.parse(readFileSync(manifest, "utf8")) as Record<string, Record<string, string> | undefined>;
    for (const field of ["dependencies", "optionalDependencies", "peerDependencies"]) todo.push(...Object.keys(pkg[field] ?? {}));
  }
  return [...seen];
}

export function writeApp(dir: string, files: readonly GeneratedFile[]): void {
  for (const file of files) {
    const target = path.join(dir, file.path);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, file.content);
  }
}

export function linkNodeModules(dir: string): void {
  for (const name of dependencyClosure()) {
    const target = path.join(dir, "node_modules", name);
    mkdirSync(path.dirname(target), { recursive: true });
    try {
      execFileSync("cp", ["-al", path.join(REPO_MODULES, name), target], { stdio: "ignore" });
    } catch {
      // Hard links cannot cross filesystems (a tmpdir on another device): copy instead, slower but the same.
      rmSync(target, { recursive: true, force: true });
      execFileSync("cp", ["-a", path.join(REPO_MODULES, name), target]);
    }
  }
  mkdirSync(path.join(dir, "node_modules/.bin"), { recursive: true });
  symlinkSync("../next/dist/bin/next", path.join(dir, "node_modules/.bin/next"));
}

export function run(command: string, args: string[], opts: { cwd: string; timeoutMs: number; env?: Record<string, string> }) {
  return new Promise<{ code: number; output: string }>((resolve) => {
    execFile(
      command,
      args,
      { cwd: opts.cwd, timeout: opts.timeoutMs, maxBuffer: 20 * 1024 * 1024, env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...opts.env } },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, output: `${stdout}\n${stderr}` }),
    );
  });
}
