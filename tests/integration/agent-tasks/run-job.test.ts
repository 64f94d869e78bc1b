import { InngestTestEngine } from "@inngest/test";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { inngest } from "@/inngest/client";
import { recordAgentTaskCancellation } from "@/inngest/functions/agent-tasks/record-agent-task-cancellation";
import { runAgentJob } from "@/inngest/functions/agent-tasks/run-agent-job";
import { storeArtifacts } from "@/server/agent-tasks/artifacts";
import { endAgentJob, recordAttempt, startAgentJob } from "@/server/agent-tasks/job-lifecycle";
import { agentJobs } from "@/server/db/schema";
import { setUsageBudget } from "@/server/usage/budget";
import { recordLedgerEntry } from "@/server/usage/record";
import { setDeps } from "@/server/deps";
import { createTestDb } from "../../support/db";
import { embeddedDeps, seedWorld, testCtx, type World } from "../campaigns/support";
import { artifactsOf, issueRow, jobsOf, logsOf, runClassify, runJob, seedIssue, sentNames, type JobRef } from "./runner-support";

let handle: Awaited<ReturnType<typeof createTestDb>>;
let world: World;
beforeAll(async () => {
  handle = await createTestDb();
  world = await seedWorld(handle.db, { name: "June", connect: false });
  setDeps(embeddedDeps(handle.db));
});
afterAll(async () => {
  setDeps();
  await handle?.close();
});

async function classified(title: string, context?: Record<string, unknown>): Promise<JobRef> {
  const issue = await seedIssue(handle.db, world, { title, context });
  const { result } = await runClassify(issue);
  return result as JobRef;
}

const jobRow = async (jobId: string) => (await handle.db.select().from(agentJobs).where(eq(agentJobs.id, jobId)))[0]!;
const artifact = { type: "COPY" as const, name: "hooks.md", content: "1. Summer, sorted." };

describe("run-agent-job", () => {
  it("refuses a job at start once the month's budget is spent, whatever raised the task, and runs it again once raised", async () => {
    const spender = await seedWorld(handle.db, { name: "Spent", connect: false });
    const issue = await seedIssue(handle.db, spender, { title: "Write five new hooks for the spring sale" });
    const { result } = await runClassify(issue);
    const job = result as JobRef;
    await setUsageBudget(handle.db, { organizationId: spender.organizationId, monthlyBudgetMicroUsd: 1_000_000 });
    // 2,600 emails at 400 µ$ each: $1.04 of a $1.00 budget.
    await recordLedgerEntry(handle.db, { organizationId: spender.organizationId, runId: "r", dedupeKey: `spent-${job.jobId}`, feature: "notifications", kind: "EMAIL", count: 2_600, provider: "outbox" });

    const refused = await runJob(job);
    expect(refused.error).toBeUndefined();
    expect(refused.result).toEqual({ outcome: "over-budget" });
    const row = await jobRow(job.jobId);
    expect(row).toMatchObject({ status: "FAILED", attempts: 0 });
    expect(row.error).toMatch(/usage budget is spent \(\$1\.04 of \$1\.00\).*raise the budget on the usage page/);
    expect(await issueRow(handle.db, job.issueId)).toMatchObject({ status: "FAILED" });
    expect(sentNames(refused.sent)).toEqual(["agents/job.failed"]);
    expect(await artifactsOf(handle.db, job.jobId)).toEqual([]);

    // Raised: a new task of the same organization runs as usual.
    await setUsageBudget(handle.db, { organizationId: spender.organizationId, monthlyBudgetMicroUsd: 5_000_000 });
    const next = await seedIssue(handle.db, spender, { title: "Write five new hooks for the autumn sale" });
    const ran = await runJob((await runClassify(next)).result as JobRef);
    expect(ran.result).toMatchObject({ outcome: "completed" });
  });

  it("starts the job, runs the agent, keeps its artifacts, completes it and leaves the issue in REVIEW", async () => {
    const job = await classified("Write five new hooks for the summer sale");
    const { result, error, sent } = await runJob(job);
    expect(error).toBeUndefined();
    expect(result).toEqual({ outcome: "completed", artifacts: 1 });
    expect(await jobRow(job.jobId)).toMatchObject({ status: "COMPLETED", attempts: 1, result: { artifacts: 1, generator: "offline" } });
    expect((await jobRow(job.jobId)).startedAt).toBeInstanceOf(Date);
    expect(await issueRow(handle.db, job.issueId)).toMatchObject({ status: "REVIEW" });
    // The copywriter (the classifier's pick for this wording) made its hooks, and the runner kept them once.
    expect((await artifactsOf(handle.db, job.jobId)).map((a) => [a.name, a.type])).toEqual([["hooks", "COPY"]]);
    expect(sentNames(sent)).toEqual(["agents/job.completed"]);
    expect((sent[0]!.payload as { id: string }).id).toBe(`agents-job-completed-${job.jobId}`);
    // The classification, the start, every tool call of the agent (logged as it ran), and the end.
    const messages = (await logsOf(handle.db, job.jobId)).map((l) => l.message);
    expect(messages[0]).toMatch(/^Classified/);
    expect(messages[1]).toMatch(/started/);
    expect(messages).toEqual(expect.arrayContaining(["tool read_brief", "tool draft_copy"]));
    expect(messages.at(-1)).toMatch(/^Finished/);
  });

  it("a retried store step keeps each artifact once; a replayed run of a finished job does nothing", async () => {
    const job = await classified("Write new headlines");
    await runJob(job, [{ id: "run-agent", handler: () => ({ summary: "two", artifacts: [artifact, { ...artifact, name: "b.md" }], generator: "offline" }) }]);
    expect(await storeArtifacts(handle.db, { organizationId: job.organizationId, jobId: job.jobId, artifacts: [artifact] })).toEqual({ stored: false, reason: "not-running" });
    expect(await artifactsOf(handle.db, job.jobId)).toHaveLength(2);
    const again = await runJob(job);
    expect(again.result).toEqual({ outcome: "skipped", reason: "COMPLETED" });
    expect(again.sent).toEqual([]);
  });

  it("counts attempts by the agent step's tries, never going back", async () => {
    const job = await classified("Write new headlines");
    await startAgentJob(handle.db, { organizationId: job.organizationId, jobId: job.jobId });
    for (const attempt of [1, 2, 3, 2]) await recordAttempt(handle.db, { jobId: job.jobId, attempt });
    expect((await jobRow(job.jobId)).attempts).toBe(3);
  });

  it("after its last attempt the job ends FAILED with the error (redacted), the issue FAILED, job.failed sent once", async () => {
    const job = await classified("Why did CPL double?");
    await startAgentJob(handle.db, { organizationId: job.organizationId, jobId: job.jobId });
    for (const attempt of [1, 2, 3]) await recordAttempt(handle.db, { jobId: job.jobId, attempt });
    const sendEvent = vi.fn(async () => ({ ids: [] }));
    const publish = vi.fn(async () => undefined);
    const onFailure = (runAgentJob as unknown as { onFailureFn: (ctx: unknown) => Promise<unknown> }).onFailureFn;
    const failure = new Error("Anthropic said 401 for x-api-key: sk-ant-api03-secretsecret\n    at agent.ts:1");
    const ctx = { event: { name: "inngest/function.failed", data: { error: failure, event: { name: "agents/job.requested", data: job } } }, error: failure, deps: embeddedDeps(handle.db), step: { run: (_id: string, fn: () => unknown) => fn(), sendEvent, realtime: { publish } } };
    expect(await onFailure(ctx)).toEqual({ recorded: true });
    expect(publish).toHaveBeenCalledWith("announce-failed", expect.anything(), expect.objectContaining({ status: "FAILED", jobId: job.jobId }));
    const row = await jobRow(job.jobId);
    expect(row).toMatchObject({ status: "FAILED", attempts: 3 });
    expect(row.error).toMatch(/^The job failed after 3 attempts: Anthropic said 401/);
    expect(row.error).not.toMatch(/secretsecret|agent\.ts/);
    expect(await issueRow(handle.db, job.issueId)).toMatchObject({ status: "FAILED" });
    expect(sendEvent).toHaveBeenCalledWith("emit-job-failed", expect.objectContaining({ name: "agents/job.failed", id: `agents-job-failed-${job.jobId}` }));
    expect(await onFailure(ctx)).toEqual({ recorded: false });
    expect(sendEvent).toHaveBeenCalledTimes(1);
  });

  it("cancelled while the agent step runs: the job and issue end CANCELLED and nothing the agent made is kept", async () => {
    const job = await classified("Write five new hooks");
    const cancelDuringRun = async () => {
      // What record-agent-task-cancellation does when the engine cancels the run mid-step.
      await endAgentJob(handle.db, { jobId: job.jobId, status: "CANCELLED", error: "Cancelled at the owner's request." });
      return { summary: "late", artifacts: [artifact], generator: "offline" };
    };
    const { result, sent } = await runJob(job, [{ id: "run-agent", handler: cancelDuringRun }]);
    expect(result).toEqual({ outcome: "skipped", reason: "not-running" });
    expect(await artifactsOf(handle.db, job.jobId)).toEqual([]);
    expect(await jobRow(job.jobId)).toMatchObject({ status: "CANCELLED", error: "Cancelled at the owner's request." });
    expect(await issueRow(handle.db, job.issueId)).toMatchObject({ status: "CANCELLED" });
    expect(sent).toEqual([]);
  });
});

describe("record-agent-task-cancellation", () => {
  const cancelledEvent = (job: JobRef, functionId = runAgentJob.id(inngest.id)) => ({
    name: "inngest/function.cancelled",
    data: { function_id: functionId, run_id: "01RUN", event: { name: "agents/job.requested", data: job } },
  });
  const runCancellation = async (event: unknown) => {
    const ctx = testCtx();
    const out = await new InngestTestEngine({ function: recordAgentTaskCancellation, events: [event as never], transformCtx: ctx.transformCtx }).execute();
    return { ...out, sent: ctx.sent };
  };

  it("a cancel request ends a running job CANCELLED (and its issue)", async () => {
    const job = await classified("Make the hero shorter");
    await startAgentJob(handle.db, { organizationId: job.organizationId, jobId: job.jobId });
    const { result, sent } = await runCancellation(cancelledEvent(job));
    expect(result).toEqual({ outcome: "CANCELLED" });
    expect(await jobRow(job.jobId)).toMatchObject({ status: "CANCELLED" });
    expect(await issueRow(handle.db, job.issueId)).toMatchObject({ status: "CANCELLED" });
    expect(sent).toEqual([]);
  });

  it("a job cancelled while still queued (never started) ends CANCELLED too", async () => {
    const job = await classified("Make the hero shorter");
    expect((await runCancellation(cancelledEvent(job))).result).toEqual({ outcome: "CANCELLED" });
    expect((await jobsOf(handle.db, job.issueId))[0]).toMatchObject({ status: "CANCELLED" });
  });

  it("a run stopped by the finish timeout ends FAILED, saying so, and job.failed is sent", async () => {
    const job = await classified("Why did CTR drop?");
    await startAgentJob(handle.db, { organizationId: job.organizationId, jobId: job.jobId });
    await handle.db.update(agentJobs).set({ startedAt: new Date(Date.now() - 16 * 60_000) }).where(eq(agentJobs.id, job.jobId));
    const { result, sent } = await runCancellation(cancelledEvent(job));
    expect(result).toEqual({ outcome: "FAILED" });
    expect(await jobRow(job.jobId)).toMatchObject({ status: "FAILED", error: "The job did not finish within 15 minutes and was stopped." });
    expect(await issueRow(handle.db, job.issueId)).toMatchObject({ status: "FAILED" });
    expect(sentNames(sent)).toEqual(["agents/job.failed"]);
  });

  it("a finished job keeps its ending; another function's cancellation is ignored", async () => {
    const job = await classified("Write new hooks");
    await runJob(job);
    expect((await runCancellation(cancelledEvent(job))).result).toEqual({ outcome: "already-finished" });
    expect(await jobRow(job.jobId)).toMatchObject({ status: "COMPLETED" });
    expect((await runCancellation(cancelledEvent(job, "aigency-deploy-campaign"))).result).toEqual({ outcome: "not-an-agent-job" });
  });
});
