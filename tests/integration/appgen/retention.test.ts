import { InngestTestEngine } from "@inngest/test";
import { asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { env } from "@/env";
import { pruneAppgenArtifacts } from "@/inngest/functions/appgen/prune-appgen-artifacts";
import { artifactKey } from "@/server/appgen/limits";
import type { Db } from "@/server/db";
import { appGenerationArtifacts, appGenerationJobs } from "@/server/db/schema";
import { setDeps, type Deps } from "@/server/deps";
import { StorageNotFoundError } from "@/server/services/storage";
import { seedWorld, testCtx, type World } from "../campaigns/support";
import { depsWithSessions } from "../creative/support";
import { sandboxSessionsDouble } from "../creative/sandbox-sessions-double";
import { seedFinishedJob, seedJob, appgenTestDb } from "./jobs-support";

const ctx = appgenTestDb();
const storage = () => ctx.storage();
const MINUTE = 60_000;
const ago = (ms: number) => new Date(Date.now() - ms);
let handle: typeof ctx.handle;
beforeAll(() => {
  handle = ctx.handle;
});

function depsOn(db: Db, sessions = sandboxSessionsDouble().sessions): Deps {
  const deps = depsWithSessions(db, sessions);
  return { ...deps, services: { ...deps.services, storage: storage() } };
}

async function prune(deps: Deps) {
  setDeps(deps);
  const { transformCtx, sent } = testCtx();
  const { result, error } = await new InngestTestEngine({ function: pruneAppgenArtifacts, events: [{ name: "inngest/scheduled.timer", data: {} } as never], transformCtx }).execute();
  return { result: result as { removedArtifacts: number; deletedSandboxes: number; failedUploadsSwept: number; admissionAskedAgain: number } | undefined, error, sent };
}

/** `n` finished jobs of the world's project, a minute apart (oldest first), each with its stored ZIP. */
async function seedArtifacts(w: World, n: number) {
  const out = [];
  for (let i = 0; i < n; i++) out.push(await seedFinishedJob(handle.db, w, { createdAt: ago((n - i) * MINUTE), put: (key) => storage().put(key, Buffer.from(`zip ${i}`), "application/zip") }));
  return out;
}
const stored = (key: string) => storage().get(key).then(() => true, (err: unknown) => (err instanceof StorageNotFoundError ? false : Promise.reject(err)));
const jobRows = (w: World) => handle.db.select().from(appGenerationJobs).where(eq(appGenerationJobs.projectId, w.projectId)).orderBy(asc(appGenerationJobs.createdAt));
const artifactRows = (w: World) => handle.db.select().from(appGenerationArtifacts).where(eq(appGenerationArtifacts.projectId, w.projectId)).orderBy(asc(appGenerationArtifacts.createdAt));

describe("prune-appgen-artifacts: the newest 5 artifacts per project are kept", () => {
  it("of 7, removes the 2 oldest objects, marks their rows removed and their jobs expired; a second run changes nothing", async () => {
    const w = await seedWorld(handle.db, { name: "Pia", connect: false });
    const small = await seedWorld(handle.db, { name: "Sam", connect: false });
    const seven = await seedArtifacts(w, 7);
    const three = await seedArtifacts(small, 3);

    const first = await prune(depsOn(handle.db));
    expect(first.error).toBeUndefined();
    expect(first.result).toMatchObject({ removedArtifacts: 2 });
    expect(await Promise.all(seven.map((a) => stored(a.storageKey)))).toEqual([false, false, true, true, true, true, true]);
    expect((await artifactRows(w)).map((a) => a.removedAt !== null)).toEqual([true, true, false, false, false, false, false]);
    const jobs = await jobRows(w);
    expect(jobs.map((j) => j.status)).toEqual(["expired", "expired", "completed", "completed", "completed", "completed", "completed"]);
    expect(jobs[0]!.expiresAt).toEqual(expect.any(Date));
    expect(await Promise.all(three.map((a) => stored(a.storageKey)))).toEqual([true, true, true]);

    const second = await prune(depsOn(handle.db));
    expect(second.result).toMatchObject({ removedArtifacts: 0 });
    expect((await jobRows(w)).map((j) => j.status)).toEqual(jobs.map((j) => j.status));
    expect(await Promise.all(seven.map((a) => stored(a.storageKey)))).toEqual([false, false, true, true, true, true, true]);
  });

  it("when the objects were removed but recording it failed, the next run finishes the record without error", async () => {
    const w = await seedWorld(handle.db, { name: "Fay", connect: false });
    const six = await seedArtifacts(w, 6);
    // The database refuses the record's transaction: the objects are gone, the rows still say stored.
    const refusing = new Proxy(handle.db, {
      get: (target, prop, receiver) => (prop === "transaction" ? () => Promise.reject(new Error("connection lost")) : Reflect.get(target, prop, receiver)),
    });
    const failed = await prune(depsOn(refusing));
    expect(failed.error).toBeDefined();
    expect(await stored(six[0]!.storageKey)).toBe(false);
    expect((await artifactRows(w))[0]!.removedAt).toBeNull();
    expect((await jobRows(w))[0]!.status).toBe("completed");

    const next = await prune(depsOn(handle.db));
    expect(next.error).toBeUndefined();
    expect(next.result).toMatchObject({ removedArtifacts: 1 });
    expect((await artifactRows(w)).map((a) => a.removedAt !== null)).toEqual([true, false, false, false, false, false]);
    expect((await jobRows(w)).map((j) => j.status)).toEqual(["expired", "completed", "completed", "completed", "completed", "completed"]);
  });
});

describe("prune-appgen-artifacts: stale temp outputs", () => {
  it("deletes sandboxes of ended jobs and of jobs over 15 minutes past their deadline; keeps the rest and any it cannot place", async () => {
    const w = await seedWorld(handle.db, { name: "Sid", connect: false });
    const double = sandboxSessionsDouble();
    const withJob = async (opts: Parameters<typeof seedJob>[2]) => (await double.sessions.create({ labels: { appgenJobId: (await seedJob(handle.db, w, opts)).id } })).id;
    const completed = await withJob({ status: "completed", finishedAt: new Date() });
    const cancelled = await withJob({ status: "failed", finishedAt: new Date() });
    const overdue = await withJob({ status: "running", deadlineAt: ago(16 * MINUTE) });
    const justLate = await withJob({ status: "fixing", deadlineAt: ago(5 * MINUTE) });
    const working = await withJob({ status: "running", deadlineAt: new Date(Date.now() + 30 * MINUTE) });
    const unknownJob = (await double.sessions.create({ labels: { appgenJobId: crypto.randomUUID() } })).id;
    const creative = (await double.sessions.create({ labels: { creativeVersionId: "v1" } })).id;

    const { result, error } = await prune(depsOn(handle.db, double.sessions));
    expect(error).toBeUndefined();
    expect(result).toMatchObject({ deletedSandboxes: 3 });
    expect(double.alive().sort()).toEqual([justLate, working, unknownJob, creative].sort());
    expect(double.alive()).not.toContain(completed);
    expect(double.alive()).not.toContain(cancelled);
    expect(double.alive()).not.toContain(overdue);
  });

  it("removes the object of a job that failed mid-upload (no artifact row) once it has been over for 15 minutes", async () => {
    const w = await seedWorld(handle.db, { name: "Uma", connect: false });
    const keyOf = (jobId: string) => artifactKey({ ownerId: w.owner.userId, projectId: w.projectId, jobId });
    const failedAnHourAgo = await seedJob(handle.db, w, { status: "failed", finishedAt: ago(60 * MINUTE) });
    const failedJustNow = await seedJob(handle.db, w, { status: "failed", finishedAt: ago(MINUTE) });
    for (const job of [failedAnHourAgo, failedJustNow]) await storage().put(keyOf(job.id), Buffer.from("half a zip"), "application/zip");
    const [kept] = await seedArtifacts(w, 1);

    const { result } = await prune(depsOn(handle.db));
    expect(result).toMatchObject({ failedUploadsSwept: 1 });
    expect(await stored(keyOf(failedAnHourAgo.id))).toBe(false);
    expect(await stored(keyOf(failedJustNow.id))).toBe(true);
    expect(await stored(kept!.storageKey)).toBe(true);
  });
});

describe("prune-appgen-artifacts: queued jobs admission missed", () => {
  it("asks admission again for an owner's oldest job queued over 10 minutes with a free slot; not for new ones or full owners", async () => {
    const lost = await seedWorld(handle.db, { name: "Lou", connect: false });
    const fresh = await seedWorld(handle.db, { name: "Fern", connect: false });
    const full = await seedWorld(handle.db, { name: "Fitz", connect: false });
    const oldest = await seedJob(handle.db, lost, { createdAt: ago(30 * MINUTE) });
    await seedJob(handle.db, lost, { createdAt: ago(20 * MINUTE) });
    await seedJob(handle.db, lost, { status: "running" });
    await seedJob(handle.db, fresh, { createdAt: ago(2 * MINUTE) });
    for (let i = 0; i < 2; i++) await seedJob(handle.db, full, { status: "running" });
    await seedJob(handle.db, full, { createdAt: ago(30 * MINUTE) });

    const { result, sent } = await prune(depsOn(handle.db));
    expect(result).toMatchObject({ admissionAskedAgain: 1 });
    const asked = sent.find((s) => s.id === "ask-admission-again")!.payload as { name: string; id: string; data: unknown }[];
    expect(asked).toEqual([
      expect.objectContaining({ name: "appgen/job.requested", id: expect.stringMatching(new RegExp(`^appgen-admission-again-${oldest.id}-`)), data: { organizationId: lost.organizationId, ownerId: lost.owner.userId, projectId: lost.projectId, jobId: oldest.id } }),
    ]);
  });
});

describe("prune-appgen-artifacts schedule", () => {
  it("runs on APPGEN_RETENTION_CRON, one run at a time", () => {
    const [config] = (pruneAppgenArtifacts as unknown as { getConfig: (o: object) => { triggers: unknown; concurrency: unknown }[] }).getConfig({ baseUrl: new URL("http://app/api/inngest"), appPrefix: "aigency" });
    expect(config!.triggers).toEqual([{ cron: env().APPGEN_RETENTION_CRON }]);
    expect(config!.concurrency).toEqual({ limit: 1 });
  });
});
