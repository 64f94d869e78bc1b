import { describe, expect, inject, it } from "vitest";
import { signedInClient } from "./support/app-api";
import { DevServer, poll } from "./support/dev-server-api";
import { onboardToPendingPlan, runOf } from "./support/product-flow";

const devServer = new DevServer(inject("devServerUrl"));

interface TaskDetail {
  issue: { id: string; status: string; agentType: string | null; type: string | null; classifiedBy: string | null };
  jobs: { id: string; status: string; attempts: number; agentType: string }[];
  logs: { level: string; message: string; data: Record<string, unknown> | null }[];
  artifacts: { type: string; name: string; content: string; metadata: { hooks?: unknown[] } | null }[];
  feedback: { rating: number; outcome: string }[];
}

/**
 * A task handed to the agents the way an owner does it, through the app's routes and the real Dev
 * Server: submit → the model classifies it (offline model here) → a job runs the copywriter on the
 * project's confirmed brief → a COPY artifact → the owner rates it. Nothing is written or sent by the
 * test itself.
 */
describe("an agent task from the owner's request to their rating", () => {
  it("submit → classified → the copywriter's job runs → COPY artifact → feedback, and another organization sees none of it", async () => {
    const since = new Date(Date.now() - 1_000);
    const app = await signedInClient(inject("appUrl"), "agents-journey");
    const { projectId } = await onboardToPendingPlan(app, devServer, since);

    const submit = await app.request<{ issueId: string; warning?: string }>("POST", "/api/agents", {
      projectId,
      title: "Write five new hooks for the summer sale",
      description: "Our summer sale starts Monday; we need fresh angles for the ads.",
    });
    expect(submit.status, JSON.stringify(submit.body)).toBe(202);
    expect(submit.body.warning).toBeUndefined();
    const { issueId } = submit.body;

    const submitted = await devServer.waitForEvent("agents/issue.submitted", { issueId }, { since });
    const classify = await runOf(devServer, submitted, "aigency-classify-agent-issue");
    await devServer.waitForRunStatus(classify.id, { statuses: ["COMPLETED"], timeoutMs: 60_000 });
    const requested = await devServer.waitForEvent("agents/job.requested", { issueId }, { since });
    expect(requested.data).toMatchObject({ agentType: "copywriter" });
    const job = await runOf(devServer, requested, "aigency-run-agent-job");
    await devServer.waitForRunStatus(job.id, { statuses: ["COMPLETED"], timeoutMs: 90_000 });

    const detail = await poll("the task to wait in REVIEW", async () => {
      const res = await app.request<TaskDetail>("GET", `/api/agents/${issueId}`);
      expect(res.status).toBe(200);
      return res.body.issue.status === "REVIEW" ? res.body : undefined;
    });
    expect(detail.issue).toMatchObject({ agentType: "copywriter", classifiedBy: "offline" });
    expect(detail.jobs).toEqual([expect.objectContaining({ status: "COMPLETED", attempts: 1, agentType: "copywriter" })]);
    expect(detail.artifacts).toEqual([expect.objectContaining({ type: "COPY", name: "hooks" })]);
    expect(detail.artifacts[0]!.metadata?.hooks).toHaveLength(5);
    expect(detail.artifacts[0]!.content).toContain("summer sale");
    // Every tool call is in the job's log: the brief read, the existing hooks, the draft.
    const tools = detail.logs.map((l) => l.data?.tool).filter(Boolean);
    expect(tools).toEqual(expect.arrayContaining(["read_brief", "read_creative_hooks", "draft_copy"]));

    const list = await app.request<{ issues: { id: string; latestJob: { status: string } | null }[] }>("GET", `/api/agents?projectId=${projectId}`);
    expect(list.body.issues).toEqual([expect.objectContaining({ id: issueId, latestJob: expect.objectContaining({ status: "COMPLETED" }) })]);

    // Another organization: the task does not exist for it, and it cannot rate it.
    const stranger = await signedInClient(inject("appUrl"), "agents-stranger");
    expect((await stranger.request("GET", `/api/agents/${issueId}`)).status).toBe(404);
    expect((await stranger.request("POST", `/api/agents/${issueId}/feedback`, { rating: 1, outcome: "MADE_WORSE" })).status).toBe(404);
    expect((await stranger.request<{ issues: unknown[] }>("GET", "/api/agents")).body.issues).toEqual([]);

    const rated = await app.request<{ feedbackId: string; jobId: string; warning?: string }>("POST", `/api/agents/${issueId}/feedback`, {
      rating: 4,
      outcome: "SOLVED",
      comment: "Good angles; the third is too long.",
      tags: ["tone"],
    });
    expect(rated.status, JSON.stringify(rated.body)).toBe(201);
    expect(rated.body).toMatchObject({ jobId: detail.jobs[0]!.id });
    expect(rated.body.warning).toBeUndefined();
    await devServer.waitForEvent("agents/feedback.submitted", { issueId, feedbackId: rated.body.feedbackId }, { since });

    const after = await app.request<TaskDetail>("GET", `/api/agents/${issueId}`);
    expect(after.body.issue.status).toBe("COMPLETED");
    expect(after.body.feedback).toEqual([expect.objectContaining({ rating: 4, outcome: "SOLVED" })]);
  }, 240_000);
});
