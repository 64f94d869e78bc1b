import { eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as getJob } from "@/app/api/appgen/jobs/[jobId]/route";
import { POST as cancelJob } from "@/app/api/appgen/jobs/[jobId]/cancel/route";
import { POST as downloadJob } from "@/app/api/appgen/jobs/[jobId]/download/route";
import { GET as getLogs } from "@/app/api/appgen/jobs/[jobId]/logs/route";
import { appendJobLog } from "@/server/appgen/logs";
import { appGenerationArtifacts, appGenerationJobs, appGenerationLogs, appGenerationTasks } from "@/server/db/schema";
import { setDeps } from "@/server/deps";
import { embeddedDeps, seedWorld, type World } from "../campaigns/support";
import { get, params, post, recordSends, seedColleague, seedFinishedJob, seedJob, appgenTestDb } from "./jobs-support";

const ctx = appgenTestDb({ ANTHROPIC_API_KEY: "sk-ant-api03-configured-secret-value", DAYTONA_API_KEY: "configured-daytona-key-1234" });
let handle: typeof ctx.handle;
let w: World;
const storage = () => ctx.storage();

beforeAll(async () => {
  handle = ctx.handle;
  setDeps(embeddedDeps(handle.db, { storage: storage() }));
  w = await seedWorld(handle.db, { name: "Owen", connect: false });
});
afterEach(() => vi.restoreAllMocks());

const routes = {
  view: (id: string, cookie: string) => getJob(get(`/api/appgen/jobs/${id}`, cookie), params(id)),
  logs: (id: string, cookie: string) => getLogs(get(`/api/appgen/jobs/${id}/logs`, cookie), params(id)),
  download: (id: string, cookie: string) => downloadJob(post(`/api/appgen/jobs/${id}/download`, cookie), params(id)),
  cancel: (id: string, cookie: string) => cancelJob(post(`/api/appgen/jobs/${id}/cancel`, cookie), params(id)),
};
const errorOf = async (res: Response) => ((await res.json()) as { error: string }).error;

describe("owner only", () => {
  it("another user, in the same organization or another, gets 404 from every job route and changes nothing", async () => {
    const sent = recordSends();
    const { job } = await seedFinishedJob(handle.db, w, { put: (key) => storage().put(key, Buffer.from("zip!"), "application/zip") });
    const running = await seedJob(handle.db, w, { status: "running" });
    const colleague = await seedColleague(handle.db, w);
    const stranger = await seedWorld(handle.db, { name: "Sal", connect: false });
    for (const cookie of [colleague.cookie, stranger.owner.cookie]) {
      for (const [name, call] of Object.entries(routes)) {
        for (const id of [job.id, running.id]) {
          const res = await call(id, cookie);
          expect(res.status, `${name} by another user`).toBe(404);
          expect(await errorOf(res)).toBe("App generation job not found");
        }
      }
    }
    const [still] = await handle.db.select().from(appGenerationJobs).where(eq(appGenerationJobs.id, running.id));
    expect(still!.status).toBe("running");
    expect(sent).toEqual([]);
    expect((await routes.view(crypto.randomUUID(), w.owner.cookie)).status).toBe(404);
    expect((await routes.view("not-a-uuid", w.owner.cookie)).status).toBe(404);
    expect((await routes.view(job.id, "")).status).toBe(401);
  });
});

describe("GET /api/appgen/jobs/:jobId", () => {
  it("shows status, stage, pages with their tasks, fix round, warnings, times and the artifact, never the HTML, sandbox id or storage key", async () => {
    const job = await seedJob(handle.db, w, { status: "fixing", stage: "fix", fixRound: 2, warnings: ["npm install failed"], warningCount: 1, sandboxId: "sbx-secret-id", sandboxKind: "local", generator: "offline", startedAt: new Date() });
    await handle.db.insert(appGenerationTasks).values([
      { organizationId: w.organizationId, jobId: job.id, key: "page:home", kind: "page", pageId: "home", status: "done", attempt: 2, durationMs: 1200 },
      { organizationId: w.organizationId, jobId: job.id, key: "build:1", kind: "build", round: 1, status: "failed", error: "Type error in app/page.tsx" },
    ]);
    const res = await routes.view(job.id, w.owner.cookie);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    const text = await res.text();
    expect(text).not.toMatch(/doctype|sbx-secret-id|generated-apps\//);
    expect(JSON.parse(text)).toMatchObject({
      id: job.id, status: "fixing", stage: "fix", fixRound: 2, maxFixRounds: 4, warnings: ["npm install failed"], generator: "offline", sandboxKind: "local", queuePosition: null, artifact: null,
      pages: [
        { pageId: "home", name: "Home", route: "/", status: "done", attempt: 2, error: null },
        { pageId: "about", name: "About", route: "/about", status: "pending", attempt: 0, error: null },
      ],
      tasks: expect.arrayContaining([{ key: "build:1", kind: "build", status: "failed", round: 1, durationMs: null, error: "Type error in app/page.tsx" }]),
    });
  });
});

describe("GET /api/appgen/jobs/:jobId/logs", () => {
  it("answers the job's lines with stage, task, level and time, a configured secret and an sk-ant- key redacted", async () => {
    const job = await seedJob(handle.db, w, { status: "running" });
    await appendJobLog(handle.db, [
      { organizationId: w.organizationId, jobId: job.id, stage: "prepare", message: "sandbox created" },
      { organizationId: w.organizationId, jobId: job.id, stage: "validate", taskKey: "build:1", level: "error", message: "env dump: DAYTONA=configured-daytona-key-1234 key=sk-ant-api03-someone-elses-key ANTHROPIC=sk-ant-api03-configured-secret-value" },
    ]);
    const res = await routes.logs(job.id, w.owner.cookie);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toMatch(/configured-daytona-key-1234|sk-ant-|configured-secret-value/);
    const { lines } = JSON.parse(text) as { lines: { stage: string; taskKey: string | null; level: string; message: string; time: string }[] };
    expect(lines).toHaveLength(2);
    expect(lines.find((l) => l.level === "error")).toMatchObject({ stage: "validate", taskKey: "build:1", message: "env dump: DAYTONA=[redacted] key=[redacted] ANTHROPIC=[redacted]", time: expect.stringMatching(/Z$/) });
  });
});

describe("POST /api/appgen/jobs/:jobId/download", () => {
  it("409 while the job is not finished or failed, 200 with a 15-minute link when completed, 410 once retention removed the ZIP", async () => {
    for (const status of ["queued", "running", "fixing", "failed"] as const) {
      const job = await seedJob(handle.db, w, { status });
      const res = await routes.download(job.id, w.owner.cookie);
      expect(res.status, status).toBe(409);
      expect(await errorOf(res)).toMatch(/not ready to download/);
    }
    const { job, artifact } = await seedFinishedJob(handle.db, w, { status: "completed_with_warnings", put: (key) => storage().put(key, Buffer.from("zip!"), "application/zip") });
    const before = Date.now();
    const ok = await routes.download(job.id, w.owner.cookie);
    expect(ok.status).toBe(200);
    const link = (await ok.json()) as { url: string; expiresAt: string };
    expect(link.url).toMatch(/^http:\/\/localhost:3000\/api\/storage\/generated-apps\/.+\/app\.zip\?exp=\d+&sig=[0-9a-f]{64}$/);
    const expiresAt = Date.parse(link.expiresAt);
    expect(expiresAt - before).toBeGreaterThanOrEqual(15 * 60_000);
    expect(expiresAt - before).toBeLessThan(15 * 60_000 + 5_000);
    // The store signs with its own clock a moment later: the link never dies before the time the owner is told,
    // and outlives it by at most the second the two readings can straddle.
    const exp = Number(new URL(link.url).searchParams.get("exp"));
    expect(exp).toBeGreaterThanOrEqual(Math.floor(expiresAt / 1000));
    expect(exp).toBeLessThanOrEqual(Math.floor(expiresAt / 1000) + 1);

    await handle.db.update(appGenerationArtifacts).set({ removedAt: new Date() }).where(eq(appGenerationArtifacts.id, artifact.id));
    await handle.db.update(appGenerationJobs).set({ status: "expired", expiresAt: new Date() }).where(eq(appGenerationJobs.id, job.id));
    const gone = await routes.download(job.id, w.owner.cookie);
    expect(gone.status).toBe(410);
    expect(await errorOf(gone)).toMatch(/removed \(only the newest 5 per project are kept\)/);
  });

  it("410 when the object is missing from storage although the row says it is there", async () => {
    const { job } = await seedFinishedJob(handle.db, w);
    expect((await routes.download(job.id, w.owner.cookie)).status).toBe(410);
  });
});

describe("POST /api/appgen/jobs/:jobId/cancel", () => {
  it("fails an unfinished job 'Cancelled by the owner', asks the engine to cancel and announces the failure; 409 once finished", async () => {
    const sent = recordSends();
    const job = await seedJob(handle.db, w, { status: "running", stage: "pages" });
    const res = await routes.cancel(job.id, w.owner.cookie);
    expect(res.status).toBe(200);
    const [row] = await handle.db.select().from(appGenerationJobs).where(eq(appGenerationJobs.id, job.id));
    expect(row).toMatchObject({ status: "failed", error: "Cancelled by the owner", finishedAt: expect.any(Date) });
    const data = { organizationId: w.organizationId, ownerId: w.owner.userId, projectId: w.projectId, jobId: job.id };
    expect(sent).toEqual([
      expect.objectContaining({ name: "appgen/job.cancel-requested", id: `appgen-job-cancelled-${job.id}`, data: { ...data, reason: "Cancelled by the owner" } }),
      expect.objectContaining({ name: "appgen/job.failed", id: `appgen-job-failed-${job.id}`, data: { ...data, error: "Cancelled by the owner" } }),
    ]);
    const again = await routes.cancel(job.id, w.owner.cookie);
    expect(again.status).toBe(409);
    expect(await errorOf(again)).toBe("The job has already finished (failed).");
    expect(sent).toHaveLength(2);
  });

  it("of two cancels racing, one wins and one is told the job already finished", async () => {
    recordSends();
    const job = await seedJob(handle.db, w, { status: "queued" });
    const answers = await Promise.all([routes.cancel(job.id, w.owner.cookie), routes.cancel(job.id, w.owner.cookie)]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await errorOf(answers.find((r) => r.status === 409)!)).toBe("The job has already finished (failed).");
    const lines = await handle.db.select().from(appGenerationLogs).where(eq(appGenerationLogs.jobId, job.id));
    expect(lines.map((l) => l.message)).toEqual(["Cancelled by the owner"]);
  });
});
