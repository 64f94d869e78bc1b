import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordClassification } from "@/server/agent-tasks/classify";
import { setDeps } from "@/server/deps";
import { createTestDb } from "../../support/db";
import { embeddedDeps, seedWorld, type World } from "../campaigns/support";
import { issueRow, jobsOf, logsOf, runClassify, seedIssue, sentNames } from "./runner-support";

let handle: Awaited<ReturnType<typeof createTestDb>>;
let world: World;
beforeAll(async () => {
  handle = await createTestDb();
  world = await seedWorld(handle.db, { name: "Iris", connect: false });
  setDeps(embeddedDeps(handle.db));
});
afterAll(async () => {
  setDeps();
  await handle?.close();
});

describe("classify-agent-issue with the offline model", () => {
  it.each([
    ["My ads were rejected, why?", "Facebook says two of my ads are disapproved since this morning.", "ads-ops", "HIGH"],
    ["Write five new hooks for the summer sale", "Something playful, we open the pool terrace in June.", "copywriter", "MEDIUM"],
    ["Make the landing page's hero shorter", "The hero text is too long on phones, no rush.", "web-builder", "LOW"],
    ["Why did cost per lead double this week?", "CPL went from $12 to $25 since Monday.", "analyst", "HIGH"],
    ["URGENT: our lead form is broken", "Nobody can sign up, the landing page form errors out right now", "web-builder", "CRITICAL"],
  ])("'%s' → %s (%s), the issue QUEUED and its job PENDING, then classified + job.requested", async (title, description, agentType, priority) => {
    const issue = await seedIssue(handle.db, world, { title, description });
    const { result, error, sent } = await runClassify(issue);
    expect(error).toBeUndefined();
    expect(result).toMatchObject({ outcome: "classified", agentType, priority, classifiedBy: "offline" });
    expect(await issueRow(handle.db, issue.issueId)).toMatchObject({ status: "QUEUED", agentType, priority, classifiedBy: "offline" });
    const [job] = await jobsOf(handle.db, issue.issueId);
    expect(job).toMatchObject({ status: "PENDING", agentType, model: "offline-demo-model", maxAttempts: 3, attempts: 0 });
    expect(job!.priority).toBe({ CRITICAL: 600, HIGH: 400, MEDIUM: 200, LOW: 0 }[priority]);
    expect(sentNames(sent)).toEqual(["agents/issue.classified", "agents/job.requested"]);
    const ids = [sent[0]!.payload].flat().map((p) => (p as { id: string }).id);
    expect(ids).toEqual([`agents-issue-classified-${issue.issueId}`, `agents-job-requested-${job!.id}`]);
    expect((await logsOf(handle.db, job!.id))[0]!.message).toMatch(new RegExp(`for the ${agentType} agent by offline`));
  });

  it("a retried run (or a retried record step) makes one job, not two", async () => {
    const issue = await seedIssue(handle.db, world, { title: "Write new headlines" });
    const first = await runClassify(issue);
    const second = await runClassify(issue);
    expect(second.result).toMatchObject({ outcome: "classified", jobId: (first.result as { jobId: string }).jobId });
    const classification = { type: "TASK", priority: "LOW", agentType: "analyst", reason: "x", classifiedBy: "offline" } as const;
    const again = await recordClassification(handle.db, { organizationId: issue.organizationId, issueId: issue.issueId, classification, model: "m" });
    expect(again).toMatchObject({ recorded: true, jobId: (first.result as { jobId: string }).jobId, agentType: "copywriter" });
    expect(await jobsOf(handle.db, issue.issueId)).toHaveLength(1);
  });

  it("an issue cancelled before classification stops: no job, nothing sent", async () => {
    const issue = await seedIssue(handle.db, world, { title: "Write new hooks" });
    const { agentIssues } = await import("@/server/db/schema");
    const { eq } = await import("drizzle-orm");
    await handle.db.update(agentIssues).set({ status: "CANCELLED" }).where(eq(agentIssues.id, issue.issueId));
    const { result, sent } = await runClassify(issue);
    expect(result).toEqual({ outcome: "cancelled" });
    expect(await jobsOf(handle.db, issue.issueId)).toEqual([]);
    expect(sent).toEqual([]);
  });

  it("another organization's issue id is not found (tenant-scoped)", async () => {
    const other = await seedWorld(handle.db, { name: "Otto", connect: false });
    const issue = await seedIssue(handle.db, world, { title: "Write new hooks" });
    const { result } = await runClassify({ organizationId: other.organizationId, issueId: issue.issueId });
    expect(result).toEqual({ outcome: "not-found" });
    expect(await jobsOf(handle.db, issue.issueId)).toEqual([]);
  });
});
