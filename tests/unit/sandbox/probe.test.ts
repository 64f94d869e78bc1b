import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { probeScript, readProbe, type ProbePlan } from "@/server/sandbox/probe";

const sh = promisify(execFile);
let dir: string;
beforeAll(async () => {
  // A template with a rules file, a loadable package, a package whose entry throws, and a data-only package.
  dir = await mkdtemp(path.join(tmpdir(), "aigency-probe-"));
  await mkdir(path.join(dir, "rules"));
  await writeFile(path.join(dir, "rules/a.md"), "# A\n");
  await writeFile(path.join(dir, "package.json"), "{}");
  const pkg = async (name: string, json: object, main?: string) => {
    await mkdir(path.join(dir, "node_modules", name), { recursive: true });
    await writeFile(path.join(dir, "node_modules", name, "package.json"), JSON.stringify({ name, version: "1.0.0", ...json }));
    if (main) await writeFile(path.join(dir, "node_modules", name, "index.js"), main);
  };
  await pkg("works", { main: "index.js" }, "module.exports = 1;");
  await pkg("throws", { main: "index.js" }, "throw new Error('native binary missing');");
  await pkg("fonts-only", {});
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const plan = (over: Partial<ProbePlan["templates"][number]> = {}): ProbePlan => ({
  tools: ["node", "sh", "definitely-not-a-tool"],
  requireNonRoot: false,
  templates: [{ name: "t", dir, rulesFiles: ["rules/a.md", "rules/it's-missing.md"], dependencies: ["works", "throws", "fonts-only", "absent"], ...over }],
});

describe("the verification probe (run for real by sh)", () => {
  it("reports each check, and only the real problems are failures", async () => {
    const { stdout } = await sh("sh", ["-c", probeScript(plan())]);
    const v = readProbe(plan(), stdout);
    expect(v.nodeVersion).toMatch(/^v20\./);
    expect(v.tools).toEqual({ node: true, sh: true, "definitely-not-a-tool": false });
    expect(v.rulesFiles).toEqual({ "t/rules/a.md": true, "t/rules/it's-missing.md": false });
    expect(v.failures).toEqual([
      "Tool definitely-not-a-tool is missing",
      "t: rules file rules/it's-missing.md is missing",
      "t: throws does not load",
      "t: absent does not load",
    ]);
    expect(v.passed).toBe(false);
  });

  it("counts whatever a dead probe did not report as missing, and root as a failure where it must not be", () => {
    const v = readProbe({ ...plan(), requireNonRoot: true }, "node=v20.1.0\nuid=0\nuser=root\n");
    expect(v.user).toBe("root (uid 0)");
    expect(v.failures).toContain("Commands run as root (uid 0)");
    expect(v.failures).toContain("Tool node is missing");
    expect(v.failures).toContain("t: node_modules is missing");
    expect(readProbe(plan(), "").failures.slice(0, 2)).toEqual(["Node is missing, not 20.x", "The user id was not reported"]);
  });
});
