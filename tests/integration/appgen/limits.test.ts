import { InngestTestEngine } from "@inngest/test";
import { asc, eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { POST as submitJob } from "@/app/api/appgen/jobs/route";
import { GET as getJob } from "@/app/api/appgen/jobs/[jobId]/route";
import { appJobCompleted, appJobRequested } from "@/inngest/events";
import { admitAppgenJobs } from "@/inngest/functions/appgen/admit-appgen-jobs";
import { createAppJob } from "@/server/appgen/jobs";
import { generationSpec } from "@/server/appgen/spec";
import { appGenerationJobs } from "@/server/db/schema";
import { setDeps } from "@/server/deps";
import { embeddedDeps, seedWorld, testCtx, type World } from "../campaigns/support";
import { appgenTestDb, get, params, post, recordSends, seedJob, validSpec } from "./jobs-support";

const ctx = appgenTestDb();
let handle: typeof ctx.handle;
beforeAll(() => {
  handle = ctx.handle;
  setDeps(embeddedDeps(handle.db));
});
afterEach(() => vi.restoreAllMocks());

const HOUR = 3_600_000;
const ago = (ms: number) => new Date(Date.now() - ms);
const jobsOf = (w: World) => handle.db.select().from(appGenerationJobs).where(eq(appGenerationJobs.ownerId, w.owner.userId)).orderBy(asc(appGenerationJobs.createdAt));
const submit = (w: World) => submitJob(post("/api/appgen/jobs", w.owner.cookie, validSpec(w.projectId)));

describe("the daily cap: 5 jobs per owner in a rolling 24 hours", () => {
  it("accepts the 5th, refuses the 6th with 429, when the next slot opens and Retry-After; a job 25 h old does not count", async () => {
    const w = await seedWorld(handle.db, { name: "Dana", connect: false });
    await seedJob(handle.db, w, { createdAt: ago(25 * HOUR), status: "completed" });
    await seedJob(handle.db, w, { createdAt: ago(23 * HOUR), status: "failed" });
    for (let i = 0; i < 3; i++) await seedJob(handle.db, w, { createdAt: ago((10 - i) * HOUR), status: "completed" });
    const sent = recordSends();
    expect((await submit(w)).status).toBe(202);

    const refused = await submit(w);
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get("retry-after"));
    // The oldest counted job is 23 hours old: its place frees in about an hour.
    expect(retryAfter).toBeGreaterThan(HOUR / 1000 - 60);
    expect(retryAfter).toBeLessThanOrEqual(HOUR / 1000);
    const { error } = (await refused.json()) as { error: string };
    expect(error).toMatch(/^You have started 5 app generations in the last 24 hours, the most allowed\. The next one can start at \d{4}-\d\d-\d\dT[\d:.]+Z \(in (59|60) minutes\)\.$/);
    expect(await jobsOf(w)).toHaveLength(6);
    expect(sent).toHaveLength(1);
  });

  it("of 7 submits racing with 4 jobs already, exactly one is accepted", async () => {
    const w = await seedWorld(handle.db, { name: "Ravi", connect: false });
    for (let i = 0; i < 4; i++) await seedJob(handle.db, w, { createdAt: ago((i + 1) * HOUR), status: "completed" });
    const sent = recordSends();
    const answers = await Promise.all(Array.from({ length: 7 }, () => submit(w)));
    expect(answers.map((r) => r.status).sort()).toEqual([202, 429, 429, 429, 429, 429, 429]);
    expect(await jobsOf(w)).toHaveLength(5);
    expect(sent).toHaveLength(1);
  });

  it("racing straight into the transaction (no sign-in lookups to stagger them), still exactly one gets the 5th place", async () => {
    // On Postgres these 7 transactions overlap; without the owner's lock all 7 were accepted.
    const w = await seedWorld(handle.db, { name: "Rhea", connect: false });
    for (let i = 0; i < 4; i++) await seedJob(handle.db, w, { createdAt: ago((i + 1) * HOUR), status: "completed" });
    const spec = generationSpec.parse(validSpec(w.projectId));
    const outcomes = await Promise.all(Array.from({ length: 7 }, () => createAppJob(handle.db, { organizationId: w.organizationId, ownerId: w.owner.userId, spec })));
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(outcomes.filter((o) => !o.ok && o.reason === "daily-cap")).toHaveLength(6);
    expect(await jobsOf(w)).toHaveLength(5);
  });
});

async function admit(w: World) {
  const { transformCtx, sent } = testCtx();
  const event = appJobRequested.create({ organizationId: w.organizationId, ownerId: w.owner.userId, projectId: w.projectId, jobId: crypto.randomUUID() });
  const { result, error } = await new InngestTestEngine({ function: admitAppgenJobs, events: [event as never], transformCtx }).execute();
  expect(error).toBeUndefined();
  return { admitted: (result as { admitted: string[] }).admitted, sent };
}

describe("admission: 2 running jobs per owner, the rest queue first come first served", () => {
  it("starts the two oldest of 3, queues the third (position 1), and admits it when one finishes", async () => {
    const w = await seedWorld(handle.db, { name: "Ada", connect: false });
    recordSends();
    for (let i = 0; i < 3; i++) expect((await submit(w)).status).toBe(202);
    const [first, second, third] = await jobsOf(w);

    const round1 = await admit(w);
    expect(round1.admitted.sort()).toEqual([first!.id, second!.id].sort());
    expect(round1.sent).toEqual([{ id: "announce-started", payload: expect.arrayContaining([expect.objectContaining({ name: "appgen/job.started", id: `job-started-${first!.id}` })]) }]);
    expect((round1.sent[0]!.payload as unknown[]).length).toBe(2);
    const after1 = await jobsOf(w);
    expect(after1.map((j) => j.status)).toEqual(["running", "running", "queued"]);
    expect(after1[0]).toMatchObject({ stage: "prepare", startedAt: expect.any(Date) });
    expect(after1[0]!.deadlineAt!.getTime() - after1[0]!.startedAt!.getTime()).toBe(45 * 60_000);

    const view = (await (await getJob(get(`/api/appgen/jobs/${third!.id}`, w.owner.cookie), params(third!.id))).json()) as { status: string; queuePosition: number | null };
    expect(view).toMatchObject({ status: "queued", queuePosition: 1 });
    // A fixing job holds its slot too: nothing starts.
    await handle.db.update(appGenerationJobs).set({ status: "fixing" }).where(eq(appGenerationJobs.id, first!.id));
    expect((await admit(w)).admitted).toEqual([]);

    await handle.db.update(appGenerationJobs).set({ status: "completed", finishedAt: new Date() }).where(eq(appGenerationJobs.id, first!.id));
    const { transformCtx, sent } = testCtx();
    const done = appJobCompleted.create({ organizationId: w.organizationId, ownerId: w.owner.userId, projectId: w.projectId, jobId: first!.id, status: "completed" });
    const { result } = await new InngestTestEngine({ function: admitAppgenJobs, events: [done as never], transformCtx }).execute();
    expect(result).toEqual({ admitted: [third!.id] });
    expect(sent[0]!.payload).toEqual([expect.objectContaining({ id: `job-started-${third!.id}`, data: { organizationId: w.organizationId, ownerId: w.owner.userId, projectId: w.projectId, jobId: third!.id } })]);
    expect((await jobsOf(w)).map((j) => j.status)).toEqual(["completed", "running", "running"]);
  });

  it("admissions run concurrently never start more than 2, and each job exactly once", async () => {
    const w = await seedWorld(handle.db, { name: "Cy", connect: false });
    for (let i = 0; i < 5; i++) await seedJob(handle.db, w, { createdAt: ago((5 - i) * 60_000) });
    const runs = await Promise.all(Array.from({ length: 6 }, () => admit(w)));
    const admitted = runs.flatMap((r) => r.admitted);
    expect(admitted).toHaveLength(2);
    expect(new Set(admitted).size).toBe(2);
    const jobs = await jobsOf(w);
    expect(jobs.map((j) => j.status)).toEqual(["running", "running", "queued", "queued", "queued"]);
    expect(admitted.sort()).toEqual([jobs[0]!.id, jobs[1]!.id].sort());
  });

  it("another owner's running jobs take none of this owner's slots", async () => {
    const busy = await seedWorld(handle.db, { name: "Busy", connect: false });
    const idle = await seedWorld(handle.db, { name: "Idle", connect: false });
    for (let i = 0; i < 2; i++) await seedJob(handle.db, busy, { status: "running" });
    await seedJob(handle.db, idle);
    expect((await admit(idle)).admitted).toHaveLength(1);
    expect((await admit(busy)).admitted).toEqual([]);
  });
});

describe("admit-appgen-jobs flow control, as the engine is told it", () => {
  it("is triggered by a job requested, completed or failed, one run per owner at a time", () => {
    const [config] = (admitAppgenJobs as unknown as { getConfig: (o: object) => { triggers: unknown; concurrency: unknown }[] }).getConfig({ baseUrl: new URL("http://app/api/inngest"), appPrefix: "aigency" });
    expect(config!.triggers).toEqual([{ event: "appgen/job.requested" }, { event: "appgen/job.completed" }, { event: "appgen/job.failed" }]);
    expect(config!.concurrency).toEqual({ key: "event.data.ownerId", limit: 1 });
  });
});
