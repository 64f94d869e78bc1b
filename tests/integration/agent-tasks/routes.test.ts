import { eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as listIssues, POST as submit } from "@/app/api/agents/route";
import { GET as viewIssue } from "@/app/api/agents/[id]/route";
import { POST as cancel } from "@/app/api/agents/[id]/cancel/route";
import { POST as feedback } from "@/app/api/agents/[id]/feedback/route";
import { agentFeedback, agentIssues, agentJobs, agentLogs } from "@/server/db/schema/agent-tasks";
import type { World } from "../campaigns/support";
import { recordSends } from "../appgen/jobs-support";
import { errorOf, get, idParams, post, seedIssue, twoOrganizations } from "./support";

const orgs = twoOrganizations(["Ana", "Sal"]);
let w: World;
let stranger: World;
beforeAll(() => {
  ({ w, stranger } = orgs);
});
afterEach(() => vi.restoreAllMocks());

describe("POST /api/agents", () => {
  it("records a MANUAL issue and sends agents/issue.submitted with the issue id as event id: 202", async () => {
    const sent = recordSends();
    const res = await submit(post("/api/agents", w.owner.cookie, { title: "Write five hooks", description: "For the summer sale", projectId: w.projectId, context: { season: "summer" } }));
    expect(res.status).toBe(202);
    const { issueId } = (await res.json()) as { issueId: string };
    const [row] = await orgs.handle.db.select().from(agentIssues).where(eq(agentIssues.id, issueId));
    expect(row).toMatchObject({ organizationId: w.organizationId, source: "MANUAL", status: "PENDING", createdById: w.owner.userId, context: { season: "summer" } });
    expect(sent).toEqual([expect.objectContaining({ name: "agents/issue.submitted", id: issueId, data: { organizationId: w.organizationId, issueId, source: "MANUAL" } })]);
  });

  it("names the bad field (400), refuses another organization's project (404), and needs a session (401), writing nothing", async () => {
    const sent = recordSends();
    const before = (await orgs.handle.db.select().from(agentIssues)).length;
    const missing = await submit(post("/api/agents", w.owner.cookie, { description: "no title" }));
    expect(missing.status).toBe(400);
    expect(await errorOf(missing)).toMatch(/^title: /);
    const badProject = await submit(post("/api/agents", w.owner.cookie, { title: "x", description: "y", projectId: "nope" }));
    expect(await errorOf(badProject)).toMatch(/^projectId: /);
    const foreign = await submit(post("/api/agents", w.owner.cookie, { title: "x", description: "y", projectId: stranger.projectId }));
    expect(foreign.status).toBe(404);
    expect((await submit(post("/api/agents", "", { title: "x", description: "y" }))).status).toBe(401);
    expect((await orgs.handle.db.select().from(agentIssues)).length).toBe(before);
    expect(sent).toEqual([]);
  });
});

describe("GET /api/agents and /api/agents/:id", () => {
  it("lists only the organization's issues, each with its latest job, filtered by project", async () => {
    const mine = await seedIssue(orgs.handle.db, w, { status: "PROCESSING", job: "RUNNING" });
    const theirs = await seedIssue(orgs.handle.db, stranger);
    const res = await listIssues(get(`/api/agents?projectId=${w.projectId}`, w.owner.cookie));
    const { issues } = (await res.json()) as { issues: { id: string; latestJob: { id: string } | null }[] };
    expect(issues.map((i) => i.id)).toContain(mine.issue.id);
    expect(issues.map((i) => i.id)).not.toContain(theirs.issue.id);
    expect(issues.find((i) => i.id === mine.issue.id)!.latestJob!.id).toBe(mine.job!.id);
    const other = await listIssues(get(`/api/agents?projectId=${stranger.projectId}`, w.owner.cookie));
    expect(((await other.json()) as { issues: unknown[] }).issues).toEqual([]);
  });

  it("shows the issue with jobs, logs, artifacts and feedback; another organization's is 404", async () => {
    const { issue, job } = await seedIssue(orgs.handle.db, w, { status: "REVIEW", job: "COMPLETED" });
    await orgs.handle.db.insert(agentLogs).values({ organizationId: w.organizationId, jobId: job!.id, message: "read the brief" });
    const res = await viewIssue(get(`/api/agents/${issue.id}`, w.owner.cookie), idParams(issue.id));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { issue: { id: string }; jobs: unknown[]; logs: { message: string }[]; artifacts: unknown[]; feedback: unknown[] };
    expect(body.issue.id).toBe(issue.id);
    expect(body.jobs).toHaveLength(1);
    expect(body.logs.map((l) => l.message)).toEqual(["read the brief"]);
    expect(body.artifacts).toEqual([]);
    for (const id of [issue.id, "not-a-uuid", crypto.randomUUID()]) {
      const res2 = await viewIssue(get(`/api/agents/${id}`, stranger.owner.cookie), idParams(id));
      expect(res2.status).toBe(404);
    }
  });
});

describe("POST /api/agents/:id/cancel", () => {
  it("cancels an unfinished issue and its job, sends cancel-requested; a second cancel is 409", async () => {
    const sent = recordSends();
    const { issue, job } = await seedIssue(orgs.handle.db, w, { status: "PROCESSING", job: "RUNNING" });
    const res = await cancel(post(`/api/agents/${issue.id}/cancel`, w.owner.cookie), idParams(issue.id));
    expect(res.status).toBe(200);
    const [row] = await orgs.handle.db.select().from(agentIssues).where(eq(agentIssues.id, issue.id));
    const [jobRow] = await orgs.handle.db.select().from(agentJobs).where(eq(agentJobs.id, job!.id));
    expect([row!.status, jobRow!.status]).toEqual(["CANCELLED", "CANCELLED"]);
    expect(sent).toEqual([expect.objectContaining({ name: "agents/task.cancel-requested", id: `agents-task-cancelled-${issue.id}` })]);
    const again = await cancel(post(`/api/agents/${issue.id}/cancel`, w.owner.cookie), idParams(issue.id));
    expect(again.status).toBe(409);
    expect(sent).toHaveLength(1);
  });

  it("has exactly one winner when cancels race, and another organization gets 404", async () => {
    const sent = recordSends();
    const { issue } = await seedIssue(orgs.handle.db, w, { status: "QUEUED" });
    expect((await cancel(post(`/api/agents/${issue.id}/cancel`, stranger.owner.cookie), idParams(issue.id))).status).toBe(404);
    const answers = await Promise.all(Array.from({ length: 5 }, () => cancel(post(`/api/agents/${issue.id}/cancel`, w.owner.cookie), idParams(issue.id))));
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409]);
    expect(sent).toHaveLength(1);
  });
});

describe("POST /api/agents/:id/feedback", () => {
  it("is 409 before the job finished, then rates it (201), completes the issue, and a second rating replaces the first", async () => {
    const sent = recordSends();
    const { issue, job } = await seedIssue(orgs.handle.db, w, { status: "PROCESSING", job: "RUNNING" });
    const early = await feedback(post(`/api/agents/${issue.id}/feedback`, w.owner.cookie, { rating: 4, outcome: "SOLVED" }), idParams(issue.id));
    expect(early.status).toBe(409);
    await orgs.handle.db.update(agentJobs).set({ status: "COMPLETED", completedAt: new Date() }).where(eq(agentJobs.id, job!.id));
    await orgs.handle.db.update(agentIssues).set({ status: "REVIEW" }).where(eq(agentIssues.id, issue.id));
    const first = await feedback(post(`/api/agents/${issue.id}/feedback`, w.owner.cookie, { rating: 2, outcome: "PARTIAL", tags: ["tone"] }), idParams(issue.id));
    expect(first.status).toBe(201);
    const second = await feedback(post(`/api/agents/${issue.id}/feedback`, w.owner.cookie, { rating: 5, outcome: "SOLVED", comment: "great" }), idParams(issue.id));
    expect(second.status).toBe(201);
    const rows = await orgs.handle.db.select().from(agentFeedback).where(eq(agentFeedback.issueId, issue.id));
    expect(rows).toEqual([expect.objectContaining({ jobId: job!.id, rating: 5, outcome: "SOLVED", comment: "great", agentType: "analyst" })]);
    const [row] = await orgs.handle.db.select().from(agentIssues).where(eq(agentIssues.id, issue.id));
    expect(row!.status).toBe("COMPLETED");
    expect(sent.map((s) => s.name)).toEqual(["agents/feedback.submitted", "agents/feedback.submitted"]);
  });

  it("names a bad rating or outcome (400) and refuses another organization (404)", async () => {
    const { issue } = await seedIssue(orgs.handle.db, w, { status: "REVIEW", job: "COMPLETED" });
    const bad = await feedback(post(`/api/agents/${issue.id}/feedback`, w.owner.cookie, { rating: 6, outcome: "SOLVED" }), idParams(issue.id));
    expect(await errorOf(bad)).toMatch(/^rating: /);
    const badOutcome = await feedback(post(`/api/agents/${issue.id}/feedback`, w.owner.cookie, { rating: 3, outcome: "MEH" }), idParams(issue.id));
    expect(await errorOf(badOutcome)).toMatch(/^outcome: /);
    const foreign = await feedback(post(`/api/agents/${issue.id}/feedback`, stranger.owner.cookie, { rating: 1, outcome: "MADE_WORSE" }), idParams(issue.id));
    expect(foreign.status).toBe(404);
    expect(await orgs.handle.db.select().from(agentFeedback).where(eq(agentFeedback.issueId, issue.id))).toEqual([]);
  });
});
