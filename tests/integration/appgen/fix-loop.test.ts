import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { resetEnv } from "@/env";
import type { AgentOutput, FixAgentInput } from "@/server/appgen/agents/types";
import { pipelineAgents, setPipelineAgents } from "@/server/appgen/pipeline/agents";
import { appGenerationJobs } from "@/server/db/schema/appgen";
import { cleanUpAppgenJob } from "@/inngest/functions/appgen/clean-up-appgen-job";
import { eq } from "drizzle-orm";
import { setDeps } from "@/server/deps";
import { createLocalSandbox } from "@/server/services/sandbox/local-sandbox";
import { createTestDb } from "../../support/db";
import { embeddedDeps, seedWorld, type World } from "../campaigns/support";
import { jobRow, liveSandboxes, logsOf, prepareLightStarter, removeRoot, runFn, runPipeline, seedRunningJob, specOf, tasksOf, tempRoot } from "./pipeline-support";

// The validate-and-fix loop for real in the local sandbox: the app's `build` is a tiny node check
// that fails until lib/state.txt says "fixed"; the fake fixer decides when (or whether) it does.
const SECRET = "sk-ant-api03-build-printed-this-secret-0123456789";
let handle: Awaited<ReturnType<typeof createTestDb>>;
let world: World;
let root: string;
let sandboxesDir: string;

const out = (files: { path: string; content: string }[], summary: string): AgentOutput => ({ files, generator: "offline", inputTokens: 0, outputTokens: 0, summary });
const CHECK = `import { readFileSync } from "node:fs";
const state = readFileSync(new URL("./state.txt", import.meta.url), "utf8").trim();
if (state !== "fixed") {
  console.log("Creating an optimized production build ...");
  console.error("Type error: ./app/page.tsx:3:7 state is " + state + " (ANTHROPIC_API_KEY=${SECRET})");
  process.exit(1);
}
console.log("Compiled successfully");
`;

/** Fake agents: integration writes the check; the fixer writes `states[round - 1]` and remembers what it was told. */
function fakeAgents(states: string[]) {
  const told: FixAgentInput[] = [];
  setPipelineAgents({
    packageJson: () => `${JSON.stringify({ name: "fix-loop-app", private: true, scripts: { build: "node lib/check.mjs" } })}\n`,
    integration: async () => out([{ path: "lib/check.mjs", content: CHECK }, { path: "lib/state.txt", content: "broken" }], "check and state"),
    fix: async (_llm, input) => {
      told.push(input);
      return out([{ path: "lib/state.txt", content: states[input.round - 1] ?? "broken" }], `round ${input.round}: set state`);
    },
  });
  return told;
}

beforeAll(async () => {
  vi.stubEnv("ANTHROPIC_API_KEY", SECRET);
  resetEnv();
  handle = await createTestDb();
  world = await seedWorld(handle.db, { name: "Fia", connect: false });
  root = await tempRoot();
  const templatesDir = path.join(root, "templates");
  await prepareLightStarter(templatesDir);
  sandboxesDir = path.join(root, "sandboxes");
  setDeps(embeddedDeps(handle.db, { sandbox: createLocalSandbox({ baseDir: sandboxesDir, templatesDir }) }));
}, 60_000);
afterEach(() => setPipelineAgents());
afterAll(async () => {
  setDeps();
  vi.unstubAllEnvs();
  resetEnv();
  await handle?.close();
  await removeRoot(root);
});

const twoPages = () => specOf([{ pageId: "home", route: "/", name: "Home" }, { pageId: "about", route: "/about", name: "About" }]);

describe("the validate-and-fix loop", () => {
  it("a build error twice, then a fix: completes after 2 rounds; the fixer saw the exact redacted error and round 1's changes", async () => {
    const told = fakeAgents(["broken again", "fixed"]);
    const job = await seedRunningJob(handle.db, world, twoPages());
    const run = await runPipeline(job);

    const row = await jobRow(handle.db, job.jobId);
    expect(row).toMatchObject({ status: "completed", fixRound: 2, stage: "done", warnings: [] });
    expect(told.map((t) => t.round)).toEqual([1, 2]);
    expect(told[0]!.failure).toMatchObject({ command: "npm run build", output: expect.stringContaining("state is broken") });
    expect(told[1]!.failure.output).toContain("state is broken again");
    expect(told[1]!.priorDiffSummary).toContain("Round 1: round 1: set state (changed: lib/state.txt)");
    expect(told[0]!.files.map((f) => f.path)).toEqual(expect.arrayContaining(["app/page.tsx", "app/about/page.tsx", "lib/check.mjs", "package.json"]));
    const tasks = Object.fromEntries((await tasksOf(handle.db, job.jobId)).map((t) => [t.key, t.status]));
    expect(tasks).toMatchObject({ "page:home": "done", "page:about": "done", integration: "done", install: "done", "build:0": "failed", "fix:1": "done", "build:1": "failed", "fix:2": "done", "build:2": "done", package: "done" });
    expect(run.events.map((e) => e.name)).toContain("appgen/job.completed");
    expect(await liveSandboxes(sandboxesDir)).toEqual([]);
  }, 120_000);

  it("a fixer that never fixes: stops after 4 rounds, still packaged, completed_with_warnings", async () => {
    const told = fakeAgents([]);
    const job = await seedRunningJob(handle.db, world, twoPages());
    const run = await runPipeline(job);

    expect(told.map((t) => t.round)).toEqual([1, 2, 3, 4]);
    const row = await jobRow(handle.db, job.jobId);
    expect(row).toMatchObject({ status: "completed_with_warnings", fixRound: 4, warnings: ["npm run build still fails after 4 fix rounds"] });
    const validated = run.events.find((e) => e.name === "appgen/validation.completed");
    expect(validated?.data).toMatchObject({ passed: false, fixRounds: 4 });
    expect(run.events.find((e) => e.name === "appgen/job.completed")?.data).toMatchObject({ status: "completed_with_warnings" });
    expect(run.events.some((e) => e.name === "appgen/artifact.zipped")).toBe(true);
    expect(await liveSandboxes(sandboxesDir)).toEqual([]);
  }, 180_000);

  it("a secret the build prints appears in no log line, task row, job row, step output or fixer input", async () => {
    const told = fakeAgents(["fixed"]);
    const job = await seedRunningJob(handle.db, world, twoPages());
    const run = await runPipeline(job);

    const logs = await logsOf(handle.db, job.jobId);
    expect(logs.some((l) => l.message.includes("state is broken") && l.message.includes("[redacted]"))).toBe(true);
    const everything = JSON.stringify({ logs, tasks: await tasksOf(handle.db, job.jobId), job: await jobRow(handle.db, job.jobId), told, events: run.events, outputs: run.outputs });
    expect(everything).toContain("state is broken");
    expect(everything).not.toContain(SECRET);
    expect(everything).not.toContain("build-printed-this-secret");
  }, 120_000);

  it("a job cancelled during a fix round stops the loop: no further build, no validation.completed", async () => {
    const told = fakeAgents([]);
    const job = await seedRunningJob(handle.db, world, twoPages());
    const { fix } = pipelineAgents();
    setPipelineAgents({ ...pipelineAgents(), fix: async (llm, input) => {
      // The owner cancels while the fixer works on round 1.
      await handle.db.update(appGenerationJobs).set({ status: "failed", error: "Cancelled by the owner" }).where(eq(appGenerationJobs.id, job.jobId));
      return fix(llm, input);
    } });
    const run = await runPipeline(job);

    expect(told.map((t) => t.round)).toEqual([1]);
    expect(run.events.map((e) => e.name)).not.toContain("appgen/validation.completed");
    const keys = (await tasksOf(handle.db, job.jobId)).map((t) => t.key);
    expect(keys).toContain("build:1");
    expect(keys).not.toContain("fix:2");
    expect(await jobRow(handle.db, job.jobId)).toMatchObject({ status: "failed", error: "Cancelled by the owner" });
    // The owner's cancel sends job.failed; its clean-up is what deletes the sandbox.
    await runFn(cleanUpAppgenJob, { name: "appgen/job.failed", data: { ...job, error: "Cancelled by the owner" } });
    expect(await liveSandboxes(sandboxesDir)).toEqual([]);
  }, 120_000);
});
