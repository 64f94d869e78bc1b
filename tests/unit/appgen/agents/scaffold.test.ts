import { execFileSync } from "node:child_process";
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import starter from "@/sandbox-programs/templates/app-starter/package.json";
import { FIX_SCOPE, checkAgentFiles } from "@/server/appgen/agents/scope";
import { STARTER_DIR, generatedPackageJson, packageName, scaffoldFiles } from "@/server/appgen/agents/site/scaffold";

const REPO = path.resolve(import.meta.dirname, "../../../..");
const brief = (title: string) => ({ brief: { title, details: "", audience: "", goals: "" } });
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe("generated package.json", () => {
  it("pins next/react/react-dom to the template's exact versions, with the TypeScript toolchain as devDependencies", () => {
    const pkg = generatedPackageJson(brief("Crumb & Co")) as { dependencies: Record<string, string>; devDependencies: Record<string, string>; scripts: object; engines: object; name: string };
    expect(pkg.dependencies).toEqual({ next: starter.dependencies.next, react: starter.dependencies.react, "react-dom": starter.dependencies["react-dom"] });
    expect(pkg.devDependencies).toEqual({
      typescript: starter.dependencies.typescript,
      "@types/react": starter.dependencies["@types/react"],
      "@types/react-dom": starter.dependencies["@types/react-dom"],
      "@types/node": starter.dependencies["@types/node"],
    });
    expect(Object.values(pkg.dependencies).every((v) => /^\d+\.\d+\.\d+$/.test(v))).toBe(true);
    expect(pkg.scripts).toEqual({ dev: "next dev", build: "next build", start: "next start" });
    expect(pkg.engines).toEqual({ node: ">=20" });
    expect(pkg.name).toBe("crumb-co");
  });

  it.each([
    ["Crème Brûlée Bakery!", "creme-brulee-bakery"],
    ["  __Hello__ World  ", "hello-world"],
    ["🍞🍞", "my-site"],
    ["A".repeat(100), "a".repeat(60)],
  ])("names %j as %j", (title, name) => expect(packageName(title)).toBe(name));

  it("writes config files the fixer may later touch and the scope check accepts", () => {
    const files = scaffoldFiles(brief("Crumb"));
    expect(files.map((f) => f.path)).toEqual(["package.json", "tsconfig.json", "next.config.ts", ".gitignore"]);
    expect(checkAgentFiles(files.filter((f) => f.path !== ".gitignore"), FIX_SCOPE).rejected).toEqual([]);
    expect(JSON.parse(files[1]!.content).compilerOptions.paths).toEqual({ "@/*": ["./*"] });
  });
});

describe("run-app scripts", () => {
  it("run-app.sh is executable in git and valid POSIX sh with set -e", () => {
    expect(execFileSync("git", ["ls-files", "-s", path.join(STARTER_DIR, "run-app.sh")], { cwd: REPO, encoding: "utf8" })).toMatch(/^100755 /);
    const script = readFileSync(path.join(REPO, STARTER_DIR, "run-app.sh"), "utf8");
    expect(script.startsWith("#!/bin/sh\n")).toBe(true);
    expect(script).toMatch(/^set -e$/m);
    execFileSync("sh", ["-n", path.join(REPO, STARTER_DIR, "run-app.sh")]);
  });

  /** Runs the real script from another directory, with a fake npm on PATH that logs what it was asked. */
  function runScript(withNodeModules: boolean) {
    const app = mkdtempSync(path.join(os.tmpdir(), "run-app-"));
    const bin = mkdtempSync(path.join(os.tmpdir(), "fake-npm-"));
    dirs.push(app, bin);
    cpSync(path.join(REPO, STARTER_DIR, "run-app.sh"), path.join(app, "run-app.sh"));
    chmodSync(path.join(app, "run-app.sh"), 0o755);
    if (withNodeModules) mkdirSync(path.join(app, "node_modules"));
    writeFileSync(path.join(bin, "npm"), `#!/bin/sh\necho "npm $* (in $(pwd))" >> "${bin}/calls.log"\n`, { mode: 0o755 });
    const output = execFileSync(path.join(app, "run-app.sh"), [], { cwd: os.tmpdir(), env: { ...process.env, PATH: `${bin}:/usr/bin:/bin`, PORT: "4321" }, encoding: "utf8" });
    return { output, calls: readFileSync(path.join(bin, "calls.log"), "utf8").trim().split("\n"), app };
  }

  it("installs when node_modules is missing, then runs the dev server from its own folder and prints the URL", () => {
    const { output, calls, app } = runScript(false);
    expect(calls).toEqual([`npm install (in ${app})`, `npm run dev (in ${app})`]);
    expect(output).toContain("http://localhost:4321");
  });

  it("skips the install when node_modules is there", () => {
    const { calls, app } = runScript(true);
    expect(calls).toEqual([`npm run dev (in ${app})`]);
  });

  it("run-app.bat does the same for Windows, with CRLF line endings", () => {
    const bat = readFileSync(path.join(REPO, STARTER_DIR, "run-app.bat"), "utf8");
    expect(bat.split("\n").slice(0, -1).every((l) => l.endsWith("\r"))).toBe(true);
    for (const text of ['cd /d "%~dp0"', "if not exist node_modules (", "call npm install", "call npm run dev", "http://localhost:%PORT%"]) expect(bat).toContain(text);
  });
});
