import { symlink } from "node:fs/promises";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { cleanUpAppgenJob } from "@/inngest/functions/appgen/clean-up-appgen-job";
import { backoffFor, generateAppgenPage } from "@/inngest/functions/appgen/generate-appgen-page";
import { integrateAppgenJob } from "@/inngest/functions/appgen/integrate-appgen-job";
import { packageAppgenJob } from "@/inngest/functions/appgen/package-appgen-job";
import { startAppgenJob } from "@/inngest/functions/appgen/start-appgen-job";
import { watchAppgenJobDeadline } from "@/inngest/functions/appgen/watch-appgen-job-deadline";
import { inngest } from "@/inngest/client";
import { modelAgents, setPipelineAgents } from "@/server/appgen/pipeline/agents";
import type { Db } from "@/server/db";
import { appGenerationArtifacts } from "@/server/db/schema/appgen";
import { setDeps } from "@/server/deps";
import { createLocalSandbox } from "@/server/services/sandbox/local-sandbox";
import { createTestDb } from "../../support/db";
import { embeddedDeps, seedWorld, type World } from "../campaigns/support";
import { jobRow, liveSandboxes, prepareLightStarter, removeRoot, runFn, runPipeline, seedRunningJob, type SeededJob, type SentEvent, specOf, tasksOf, tempRoot } from "./pipeline-support";

// How a job ends (completed, failed, cancelled, timed out) and what each ending leaves: never a sandbox.
let handle: Awaited<ReturnType<typeof createTestDb>>;
let world: World;
let root: string;
let sandboxesDir: string;
let sandbox: ReturnType<typeof createLocalSandbox>;

const depsOver = (db: Db) => setDeps(embeddedDeps(db, { sandbox }));
beforeAll(async () => {
  handle = await createTestDb();
  world = await seedWorld(handle.db, { name: "Lia", connect: false });
  root = await tempRoot();
  await prepareLightStarter(path.join(root, "templates"));
  sandboxesDir = path.join(root, "sandboxes");
  sandbox = createLocalSandbox({ baseDir: sandboxesDir, templatesDir: path.join(root, "templates") });
  setPipelineAgents({ packageJson: () => `${JSON.stringify({ name: "app", private: true, scripts: { build: "node -e 0" } })}\n` });
  depsOver(handle.db);
}, 60_000);
afterEach(() => {
  setPipelineAgents({ packageJson: () => `${JSON.stringify({ name: "app", private: true, scripts: { build: "node -e 0" } })}\n` });
  depsOver(handle.db);
});
afterAll(async () => {
  setPipelineAgents();
  setDeps();
  await handle?.close();
  await removeRoot(root);
});

const twoPages = () => specOf([{ pageId: "home", route: "/", name: "Home" }, { pageId: "about", route: "/about", name: "About" }]);
const started = (job: SeededJob): SentEvent => ({ name: "appgen/job.started", data: { ...job } });
const named = (events: SentEvent[], name: string) => events.filter((e) => e.name === name);

/** Prepare and both pages, as the engine would run them; returns the page.generated events. */
async function throughPages(job: SeededJob) {
  const start = await runFn(startAppgenJob, started(job));
  expect(start.error).toBeUndefined();
  const generated: SentEvent[] = [];
  for (const requested of named(start.sent, "appgen/page.requested")) {
    const page = await runFn(generateAppgenPage, requested);
    expect(page.error).toBeUndefined();
    generated.push(...named(page.sent, "appgen/page.generated"));
  }
  return generated;
}

describe("the pages → integration fan-in", () => {
  it("when the last two pages finish together, exactly one page.generated moves the job on", async () => {
    const job = await seedRunningJob(handle.db, world, twoPages());
    const generated = await throughPages(job);
    expect(generated).toHaveLength(2);
    const runs = await Promise.all(generated.map((e) => runFn(integrateAppgenJob, e)));
    expect(runs.map((r) => r.result?.outcome).sort()).toEqual(["integrated", "waiting-for-pages"]);
    expect(runs.flatMap((r) => named(r.sent, "appgen/integration.completed"))).toHaveLength(1);
    expect((await jobRow(handle.db, job.jobId)).stage).toBe("integration");
    await sandbox.sessions.delete((await jobRow(handle.db, job.jobId)).sandboxId!);
  }, 60_000);
});

describe("a failing page", () => {
  it("is retried after 20 s, 60 s, 180 s; the retry that succeeds records the page done", async () => {
    expect([0, 1, 2, 3].map(backoffFor)).toEqual([20_000, 60_000, 180_000, 180_000]);
    let calls = 0;
    setPipelineAgents({
      packageJson: modelAgents.packageJson,
      page: async (llm, input) => {
        calls += 1;
        if (calls === 1) throw new Error("model timed out");
        return modelAgents.page(llm, input);
      },
    });
    const job = await seedRunningJob(handle.db, world, specOf([{ pageId: "home", route: "/", name: "Home" }]));
    const start = await runFn(startAppgenJob, started(job));
    const [requested] = named(start.sent, "appgen/page.requested");
    const first = await runFn(generateAppgenPage, requested!, { attempt: 0 });
    expect(first.error).toMatchObject({ name: "RetryAfterError", message: expect.stringContaining("model timed out") });
    expect((await tasksOf(handle.db, job.jobId))[0]).toMatchObject({ key: "page:home", status: "running", attempt: 1, error: "The page agent failed: model timed out" });
    const retry = await runFn(generateAppgenPage, requested!, { attempt: 1 });
    expect(retry.error).toBeUndefined();
    expect((await tasksOf(handle.db, job.jobId))[0]).toMatchObject({ key: "page:home", status: "done", attempt: 2, error: null, files: ["app/page.tsx"] });
    expect(named(retry.sent, "appgen/page.generated")).toHaveLength(1);
    await sandbox.sessions.delete((await jobRow(handle.db, job.jobId)).sandboxId!);
  }, 60_000);
});

describe("the artifact", () => {
  it("stored, then the row write failed: the retried run records one artifact row, with the same key", async () => {
    const job2 = await seedRunningJob(handle.db, world, twoPages());
    const refusing = refusingArtifactInsert(handle.db);
    await runPipeline(job2, {
      before: async (e) => {
        if (e.name !== "appgen/validation.completed") return;
        depsOver(refusing.db);
        const crashed = await runFn(packageAppgenJob, e);
        expect(crashed.error).toMatchObject({ message: expect.stringContaining("connection lost") });
        depsOver(handle.db);
      },
    });
    expect(refusing.refused()).toBe(1);
    const rows = await handle.db.select().from(appGenerationArtifacts).where(eq(appGenerationArtifacts.jobId, job2.jobId));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ storageKey: `generated-apps/${job2.ownerId}/${job2.projectId}/${job2.jobId}/app.zip`, checksum: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect((await jobRow(handle.db, job2.jobId)).status).toBe("completed");
    expect(await liveSandboxes(sandboxesDir)).toEqual([]);
  }, 120_000);
});

describe("the sandbox is deleted on every ending", () => {
  it("success: finish deletes it (and the job says the offline model wrote the code)", async () => {
    const job = await seedRunningJob(handle.db, world, twoPages());
    const run = await runPipeline(job);
    expect(named(run.events, "appgen/job.completed")).toHaveLength(1);
    expect(await jobRow(handle.db, job.jobId)).toMatchObject({ status: "completed", generator: "offline" });
    expect(await liveSandboxes(sandboxesDir)).toEqual([]);
  }, 60_000);

  it("failure: a workspace with a symlink out of the tree fails packaging, and job.failed's clean-up deletes it", async () => {
    const job = await seedRunningJob(handle.db, world, twoPages());
    const run = await runPipeline(job, {
      before: async (e) => {
        if (e.name !== "appgen/validation.completed") return;
        const [id] = await sandbox.sessions.findByLabels({ appgenJobId: job.jobId });
        await symlink("/etc/hostname", path.join(sandboxesDir, id!, "work", "workspace", "hostname"));
      },
    });
    const row = await jobRow(handle.db, job.jobId);
    expect(row).toMatchObject({ status: "failed", error: expect.stringMatching(/hostname is a link to outside the app/) });
    expect(named(run.events, "appgen/job.failed")).toHaveLength(1);
    expect(await handle.db.select().from(appGenerationArtifacts).where(eq(appGenerationArtifacts.jobId, job.jobId))).toEqual([]);
    expect(await liveSandboxes(sandboxesDir)).toEqual([]);
  }, 60_000);

  it("cancellation: a cancelled stage run's clean-up deletes it and fails the job; later stages stop", async () => {
    const job = await seedRunningJob(handle.db, world, twoPages());
    const start = await runFn(startAppgenJob, started(job));
    expect(await liveSandboxes(sandboxesDir)).toHaveLength(1);
    const [requested] = named(start.sent, "appgen/page.requested");
    const cancelled = { name: "inngest/function.cancelled", data: { function_id: generateAppgenPage.id(inngest.id), run_id: "r", event: requested } };
    const clean = await runFn(cleanUpAppgenJob, cancelled as never);
    expect(clean.result).toMatchObject({ outcome: "cleaned", deletedSandboxes: 1 });
    expect(await jobRow(handle.db, job.jobId)).toMatchObject({ status: "failed", error: "The job was cancelled" });
    expect(named(clean.sent, "appgen/job.failed")).toHaveLength(1);
    expect(await liveSandboxes(sandboxesDir)).toEqual([]);
    expect((await runFn(generateAppgenPage, requested!)).result).toEqual({ outcome: "stopped" });
  }, 60_000);

  it("timeout: at the deadline the watchdog fails the job, cancels its stages, and the clean-up deletes the sandbox", async () => {
    const job = await seedRunningJob(handle.db, world, twoPages(), { deadlineAt: new Date(Date.now() + 60_000) });
    await runFn(startAppgenJob, started(job));
    const watch = await runFn(watchAppgenJobDeadline, started(job));
    expect(watch.result).toEqual({ outcome: "timed-out" });
    expect(await jobRow(handle.db, job.jobId)).toMatchObject({ status: "failed", error: "The job timed out after 45 minutes" });
    expect(named(watch.sent, "appgen/job.cancel-requested")).toHaveLength(1);
    const [failed] = named(watch.sent, "appgen/job.failed");
    expect((await runFn(cleanUpAppgenJob, failed!)).result).toMatchObject({ deletedSandboxes: 1 });
    expect(await liveSandboxes(sandboxesDir)).toEqual([]);
  }, 60_000);

  it("a job that ended before its deadline is left alone by the watchdog", async () => {
    const job = await seedRunningJob(handle.db, world, twoPages());
    await runPipeline(job);
    expect((await runFn(watchAppgenJobDeadline, started(job))).result).toEqual({ outcome: "not-running" });
  }, 60_000);
});

/** The database, except that the first insert into the artifacts table fails: stored, not recorded. */
function refusingArtifactInsert(db: Db) {
  let refused = 0;
  // The artifact row is written in a transaction (with its cost-ledger row): the refusal reaches into it.
  const refusing = <T extends object>(inner: T): T => new Proxy(inner, {
    get(target, prop, receiver) {
      if (prop === "transaction") {
        return (fn: (tx: unknown) => Promise<unknown>) => (target as unknown as Db).transaction((tx) => fn(refusing(tx)));
      }
      if (prop === "insert") {
        return (table: unknown) => {
          if (table === appGenerationArtifacts && refused === 0) {
            refused += 1;
            throw new Error("connection lost");
          }
          return (target as unknown as Db).insert(table as never);
        };
      }
      const value = Reflect.get(target, prop, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { db: refusing(db), refused: () => refused };
}
