import { InngestTestEngine } from "@inngest/test";
import { and, eq, gte } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { performanceSnapshotPulled } from "@/inngest/events";
import { detectSignificantChanges } from "@/inngest/functions/performance/detect-significant-changes";
import { ensureCampaignConversation } from "@/server/campaigns/records";
import { classifyByKeywords } from "@/server/agent-tasks/classify-keywords";
import { alertNeedsALook, raiseAlertInvestigation } from "@/server/agent-tasks/internal-issues";
import { agentIssues, campaignRecords, messages, notifications, performanceAlerts, performanceSnapshots } from "@/server/db/schema";
import { setDeps } from "@/server/deps";
import { savePendingConnection, selectAdAccount } from "@/server/facebook/connections";
import { accountDay, addDays } from "@/server/performance/account-time";
import { postAlert } from "@/server/performance/alerts";
import { loadMonthToDate } from "@/server/performance/month-to-date";
import { createTestDb } from "../../support/db";
import { embeddedDeps, seedWorld, testCtx } from "../campaigns/support";

const AD_ACCOUNT = "act_2000000000001";
const ZONE = "America/New_York";
let handle: Awaited<ReturnType<typeof createTestDb>>;

beforeAll(async () => {
  handle = await createTestDb();
  setDeps(embeddedDeps(handle.db));
});
afterAll(async () => {
  setDeps();
  await handle?.close();
});

/**
 * A live campaign in a New York ad account that spent for 8 days: few clicks (0.2%) and a poor
 * return (0.5×), so today's numbers call for LOW_CTR, LOW_ROAS and the first WEEK_COMPLETED.
 */
async function seedLiveCampaign(name: string) {
  const db = handle.db;
  const w = await seedWorld(db, { name, connect: false });
  const owner = { organizationId: w.organizationId, userId: w.owner.userId };
  await savePendingConnection(db, {
    ...owner,
    token: { accessToken: "EAAB-test-token", expiresAt: null },
    adAccounts: [{ id: AD_ACCOUNT, name: "Ads", currency: "USD", accountStatus: 1, timezoneName: ZONE }],
    pageId: "100000000000101",
    simulated: false,
  });
  await selectAdAccount(db, { ...owner, adAccountId: AD_ACCOUNT });
  const conversationId = await ensureCampaignConversation(db, { organizationId: w.organizationId, projectId: w.projectId });
  const [record] = await db
    .insert(campaignRecords)
    .values({
      organizationId: w.organizationId,
      projectId: w.projectId,
      conversationId,
      version: 1,
      sourceKey: `test:${name}`,
      claimedByRunId: "seed",
      status: "ACTIVE",
      ownerUserId: w.owner.userId,
      connectionUserId: w.owner.userId,
      adAccountId: AD_ACCOUNT,
      fbCampaignId: `cmp-${name}`,
      activatedAt: new Date(),
    })
    .returning();
  const today = accountDay(new Date(), ZONE);
  const rows = [];
  for (let i = -8; i <= 0; i++) {
    // Today has only begun: nothing spent yet (so the midday pacing check stays quiet at any hour).
    const m = i === 0 ? { spendCents: 0, impressions: 0, reach: 0, clicks: 0, conversionValueCents: 0 } : { spendCents: 2_000, impressions: 5_000, reach: 4_000, clicks: 10, conversionValueCents: 1_000 };
    const base = { organizationId: w.organizationId, campaignId: record!.id, adAccountId: AD_ACCOUNT, date: addDays(today, i), ...m, objectStatus: "ACTIVE", effectiveStatus: "ACTIVE" };
    rows.push(
      { ...base, objectType: "campaign" as const, objectId: `cmp-${name}`, parentObjectId: null },
      { ...base, objectType: "adset" as const, objectId: `as-${name}`, parentObjectId: `cmp-${name}`, dailyBudgetCents: 2_000 },
      { ...base, objectType: "ad" as const, objectId: `ad-${name}`, parentObjectId: `as-${name}`, creativeId: "cr-1" },
    );
  }
  await db.insert(performanceSnapshots).values(rows);
  return { ...w, campaignId: record!.id, conversationId, today };
}

function runDetection(w: Awaited<ReturnType<typeof seedLiveCampaign>>) {
  const ctx = testCtx();
  const event = performanceSnapshotPulled.create({ organizationId: w.organizationId, projectId: w.projectId, campaignId: w.campaignId, adAccountId: AD_ACCOUNT, date: w.today, sweepId: "sweep-1" });
  return new InngestTestEngine({ function: detectSignificantChanges, events: [event as never], transformCtx: ctx.transformCtx })
    .execute()
    .then(({ result, error }) => ({ result: result as { detected: string[]; posted: string[] }, error, sent: ctx.sent, published: ctx.published }));
}

describe("detect-significant-changes", () => {
  it("posts each alert once a day even when two runs race, and a later run posts nothing", async () => {
    const w = await seedLiveCampaign("Racer");
    const runs = await Promise.all([runDetection(w), runDetection(w)]);
    for (const r of runs) {
      expect(r.error).toBeUndefined();
      expect(r.result.detected.sort()).toEqual(["LOW_CTR", "LOW_ROAS", "WEEK_COMPLETED"]);
    }
    // Between them the two runs posted each condition exactly once.
    expect(runs.flatMap((r) => r.result.posted).sort()).toEqual(["LOW_CTR", "LOW_ROAS", "WEEK_COMPLETED"]);

    const alerts = await handle.db.select().from(performanceAlerts).where(eq(performanceAlerts.campaignId, w.campaignId));
    expect(alerts.map((a) => `${a.condition}:${a.day}`).sort()).toEqual([`LOW_CTR:${w.today}`, `LOW_ROAS:${w.today}`, `WEEK_COMPLETED:${addDays(w.today, -1)}`]);
    const posted = await handle.db.select().from(messages).where(eq(messages.conversationId, w.conversationId));
    const alertMessages = posted.filter((m) => (m.metadata as { kind?: string } | null)?.kind === "performance-alert");
    expect(alertMessages).toHaveLength(3);
    expect(alertMessages.every((m) => m.role === "ASSISTANT" && m.type === "TEXT")).toBe(true);
    expect(alerts.map((a) => a.messageId).sort()).toEqual(alertMessages.map((m) => m.id).sort());
    const notes = await handle.db.select().from(notifications).where(and(eq(notifications.userId, w.owner.userId), eq(notifications.projectId, w.projectId)));
    expect(notes.map((n) => n.type).sort()).toEqual(["AGENT_UPDATE", "ALERT", "ALERT"]);

    const sent = runs.flatMap((r) => r.sent);
    expect(sent.filter((s) => s.id.startsWith("notify-"))).toHaveLength(3);
    const weeks = sent.filter((s) => s.id === "week-completed").map((s) => s.payload as { id: string; data: { week: number; weekEnding: string } });
    expect(weeks).toEqual([expect.objectContaining({ id: `performance-week-completed-${w.campaignId}-w1`, data: expect.objectContaining({ week: 1, weekEnding: addDays(w.today, -2) }) })]);
    expect(runs.flatMap((r) => r.published)).toHaveLength(3);
    // The two alerts that the numbers went wrong each hand the analyst one task; the finished week does not.
    const tasks = await handle.db.select().from(agentIssues).where(eq(agentIssues.projectId, w.projectId));
    expect(tasks.map((t) => t.externalId).sort()).toEqual([`performance-alert:${w.campaignId}:LOW_CTR:${w.today}`, `performance-alert:${w.campaignId}:LOW_ROAS:${w.today}`]);
    expect(tasks.every((t) => t.source === "INTERNAL" && t.status === "PENDING" && t.context.campaignId === w.campaignId)).toBe(true);
    const investigations = sent.filter((s) => s.id.startsWith("investigate-")).map((s) => s.payload as { id: string; name: string; data: { issueId: string; source: string } });
    expect(investigations.map((e) => e.id).sort()).toEqual(tasks.map((t) => t.id).sort());
    expect(investigations.every((e) => e.name === "agents/issue.submitted" && e.data.source === "INTERNAL" && e.id === e.data.issueId)).toBe(true);

    const again = await runDetection(w);
    expect(again.result.posted).toEqual([]);
    expect(again.sent).toEqual([]);
    expect(await handle.db.select().from(performanceAlerts).where(eq(performanceAlerts.campaignId, w.campaignId))).toHaveLength(3);
  });

  it("a retry of the run that posted finishes its work without posting twice; another run does not", async () => {
    const w = await seedLiveCampaign("Retrier");
    const target = { organizationId: w.organizationId, projectId: w.projectId, campaignId: w.campaignId, conversationId: w.conversationId, ownerUserId: w.owner.userId };
    const detection = { condition: "LOW_CTR" as const, day: w.today, title: "Few people are clicking your ads", message: "…", details: {} };
    const first = await postAlert(handle.db, { target, detection, runId: "run-a" });
    const retry = await postAlert(handle.db, { target, detection, runId: "run-a" });
    const other = await postAlert(handle.db, { target, detection, runId: "run-b" });
    expect(first.posted).toBe(true);
    expect(retry).toEqual(first);
    expect(other).toEqual({ posted: false, conversationId: null, messageId: null, notification: null });
    const rows = await handle.db.select().from(messages).where(eq(messages.conversationId, w.conversationId));
    expect(rows).toHaveLength(1);
  });

  it("raising an alert's task again (a retried step, a rerun) answers the task it raised, never a second", async () => {
    const w = await seedLiveCampaign("Investigated");
    const target = { organizationId: w.organizationId, projectId: w.projectId, campaignId: w.campaignId, conversationId: w.conversationId, ownerUserId: w.owner.userId };
    const detection = { condition: "LOW_ROAS" as const, day: w.today, title: "Your ads are not paying for themselves yet", message: "Over the last 3 days…", details: {} };
    const [a, b] = await Promise.all([raiseAlertInvestigation(handle.db, { target, detection }), raiseAlertInvestigation(handle.db, { target, detection })]);
    expect(a!.issueId).toBe(b!.issueId);
    expect([a!.created, b!.created].sort()).toEqual([false, true]);
    const [task] = await handle.db.select().from(agentIssues).where(eq(agentIssues.id, a!.issueId));
    expect(task).toMatchObject({ title: "Look into the alert: Your ads are not paying for themselves yet", context: { campaignId: w.campaignId, alert: { condition: "LOW_ROAS", day: w.today } } });
    expect(classifyByKeywords(task!).agentType).toBe("analyst");
    expect(alertNeedsALook("WEEK_COMPLETED")).toBe(false);
  });

  it("says nothing about a campaign that is no longer live", async () => {
    const w = await seedLiveCampaign("Paused");
    await handle.db.update(campaignRecords).set({ status: "PAUSED" }).where(eq(campaignRecords.id, w.campaignId));
    const r = await runDetection(w);
    expect(r.result).toEqual({ skipped: expect.any(String) });
    expect(await handle.db.select().from(performanceAlerts).where(eq(performanceAlerts.campaignId, w.campaignId))).toEqual([]);
  });

  it("budget running low: the project's spend this month (every campaign of it) reaching 80% of the brief's $600 is told once per month", async () => {
    const w = await seedLiveCampaign("Spender");
    const monthStart = `${w.today.slice(0, 7)}-01`;
    // This campaign's own rows this month: $500 a day (today too), so with the older version any day of the month is past $480.
    await handle.db
      .update(performanceSnapshots)
      .set({ spendCents: 50_000 })
      .where(and(eq(performanceSnapshots.campaignId, w.campaignId), eq(performanceSnapshots.objectType, "campaign"), gte(performanceSnapshots.date, monthStart)));
    // An earlier version of the project (replaced) spent this month too; its ad set row must not count twice.
    const [older] = await handle.db
      .insert(campaignRecords)
      .values({ organizationId: w.organizationId, projectId: w.projectId, version: 0, sourceKey: "test:Spender-v0", claimedByRunId: "seed", status: "PAUSED", ownerUserId: w.owner.userId, adAccountId: AD_ACCOUNT, fbCampaignId: "cmp-Spender-v0" })
      .returning();
    const old = { organizationId: w.organizationId, campaignId: older!.id, adAccountId: AD_ACCOUNT, date: monthStart, spendCents: 1_000, impressions: 1, reach: 1, clicks: 0, conversionValueCents: 0 };
    await handle.db.insert(performanceSnapshots).values([
      { ...old, objectType: "campaign", objectId: "cmp-Spender-v0", parentObjectId: null },
      { ...old, objectType: "adset", objectId: "as-Spender-v0", parentObjectId: "cmp-Spender-v0" },
    ]);
    const [record] = await handle.db.select().from(campaignRecords).where(eq(campaignRecords.id, w.campaignId));
    const month = await loadMonthToDate(handle.db, { record: record!, date: w.today });
    expect(month!.monthlyBudgetCents).toBe(60_000);
    expect(month!.dailySpend.find((d) => d.date === monthStart)!.spendCents).toBe(51_000);

    const first = await runDetection(w);
    expect(first.result.posted).toContain("MONTHLY_BUDGET_LOW");
    const [alert] = await handle.db.select().from(performanceAlerts).where(and(eq(performanceAlerts.campaignId, w.campaignId), eq(performanceAlerts.condition, "MONTHLY_BUDGET_LOW")));
    expect(alert!.day).toBe(monthStart);
    const [note] = await handle.db.select().from(notifications).where(eq(notifications.dedupeKey, `performance-alert:${w.campaignId}:MONTHLY_BUDGET_LOW:${monthStart}`));
    expect(note).toMatchObject({ type: "ALERT", userId: w.owner.userId, link: `/projects/${w.projectId}`, conversationId: w.conversationId });
    expect(note!.title).toMatch(/This month's budget is (running low|used up)/);

    const again = await runDetection(w);
    expect(again.result.detected).toContain("MONTHLY_BUDGET_LOW");
    expect(again.result.posted).not.toContain("MONTHLY_BUDGET_LOW");
    expect(await handle.db.select().from(notifications).where(eq(notifications.dedupeKey, `performance-alert:${w.campaignId}:MONTHLY_BUDGET_LOW:${monthStart}`))).toHaveLength(1);
  });
});
