import { InngestTestEngine } from "@inngest/test";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { performanceSnapshotPulled } from "@/inngest/events";
import { evaluateOptimizations } from "@/inngest/functions/optimization/evaluate-optimizations";
import { messages, optimizationActions, performanceSnapshots } from "@/server/db/schema";
import { setDeps } from "@/server/deps";
import { loadHistory, recordDecisions, transitionAction } from "@/server/optimization/ledger";
import { measureImpacts } from "@/server/optimization/impact";
import { postNotices } from "@/server/optimization/ledger-run";
import { addDays, dayIn } from "@/server/performance/account-timezone";
import { createTestDb } from "../../support/db";
import { embeddedDeps, testCtx } from "../campaigns/support";
import { AD_ACCOUNT, decision, loadAction, record, seedLiveCampaign, type LiveCampaign } from "./support";

let handle: Awaited<ReturnType<typeof createTestDb>>;
beforeAll(async () => {
  handle = await createTestDb();
  setDeps(embeddedDeps(handle.db));
});
afterAll(async () => {
  setDeps();
  await handle?.close();
});

const base = (c: LiveCampaign, now: Date) => ({
  organizationId: c.organizationId,
  projectId: c.projectId,
  campaignId: c.campaignId,
  adAccountId: AD_ACCOUNT,
  currency: "USD",
  now,
  approvalTimeoutMs: 3_600_000,
});

describe("recordDecisions", () => {
  it("writes one row per decision with the status of its disposition, and a rerun inserts nothing", async () => {
    const c = await seedLiveCampaign(handle.db, "record");
    const now = new Date("2026-11-30T10:00:00Z");
    const decisions = [
      decision({ disposition: "autonomous" }),
      decision({ disposition: "approval", policyNote: "Pausing a whole campaign always waits for your OK." }),
      decision({ disposition: "blocked", policyNote: "Above 100%." }),
      decision({ disposition: "dry-run", policyNote: "Dry run: recorded, nothing changed." }),
    ];
    const rows = await recordDecisions(handle.db, { ...base(c, now), decisions });
    expect(rows.map((r) => [r.status, r.requiresApproval])).toEqual([
      ["PROPOSED", false],
      ["AWAITING_APPROVAL", true],
      ["BLOCKED", false],
      ["DRY_RUN", false],
    ]);
    expect(rows[1]!.expiresAt).toEqual(new Date("2026-11-30T11:00:00Z"));
    expect(rows[0]!.expiresAt).toBeNull();
    expect(rows.map((r) => r.outcome)).toEqual([null, null, "Above 100%.", "Dry run: recorded, nothing changed."]);
    expect(rows[0]!.createdAt).toEqual(now);

    const rerun = await recordDecisions(handle.db, { ...base(c, now), decisions });
    expect(rerun).toEqual([]);
    expect(await handle.db.select().from(optimizationActions).where(eq(optimizationActions.campaignId, c.campaignId))).toHaveLength(4);
  });

  it("lets exactly one of two racing transitions win (compare-and-set)", async () => {
    const c = await seedLiveCampaign(handle.db, "cas");
    const action = await record(handle.db, c, decision());
    const results = await Promise.all(
      [0, 1].map(() => transitionAction(handle.db, { organizationId: c.organizationId, actionId: action.id, from: "PROPOSED", to: "APPLYING" })),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    const foreign = await seedLiveCampaign(handle.db, "cas-other");
    expect(await transitionAction(handle.db, { organizationId: foreign.organizationId, actionId: action.id, from: "APPLYING", to: "FAILED" })).toBeNull();
  });
});

describe("loadHistory", () => {
  it("returns the organization's entries of the last days, at = applied or proposed, with what the guards read", async () => {
    const c = await seedLiveCampaign(handle.db, "history");
    const other = await seedLiveCampaign(handle.db, "history-other");
    const now = new Date("2026-11-30T12:00:00Z");
    const old = await record(handle.db, c, decision(), new Date("2026-11-20T12:00:00Z"));
    const proposed = await record(handle.db, c, decision({ moneyMovedCents: 700 }), new Date("2026-11-30T09:00:00Z"));
    const applied = await record(handle.db, c, decision(), new Date("2026-11-28T09:00:00Z"));
    await handle.db.update(optimizationActions).set({ status: "APPLIED", appliedAt: new Date("2026-11-29T08:00:00Z") }).where(eq(optimizationActions.id, applied.id));
    await record(handle.db, other, decision(), new Date("2026-11-30T09:00:00Z"));

    const history = await loadHistory(handle.db, { organizationId: c.organizationId, now, days: 3 });
    expect(history.map((h) => h.objectIds[0])).toEqual([proposed.objectId, applied.objectId]);
    expect(history[0]).toMatchObject({ kind: "PAUSE_AD", status: "PROPOSED", moneyMovedCents: 700, requiresApproval: false, at: new Date("2026-11-30T09:00:00Z") });
    expect(history[1]).toMatchObject({ status: "APPLIED", at: new Date("2026-11-29T08:00:00Z"), after: { statuses: { [applied.objectId]: "PAUSED" } } });
    expect(history.some((h) => h.objectIds.includes(old.objectId))).toBe(false);
  });
});

describe("measureImpacts", () => {
  it("stores before vs after once the third day after applying is complete, once", async () => {
    const c = await seedLiveCampaign(handle.db, "impact");
    const action = await record(handle.db, c, decision({ objectId: "ad-impact", objectIds: ["ad-impact"] }));
    const applied = "2026-11-20";
    await handle.db.update(optimizationActions).set({ status: "APPLIED", appliedAt: new Date(`${applied}T15:00:00Z`) }).where(eq(optimizationActions.id, action.id));
    const row = (offset: number, spendCents: number, conversions: number) => ({
      organizationId: c.organizationId,
      campaignId: c.campaignId,
      adAccountId: AD_ACCOUNT,
      objectType: "ad" as const,
      objectId: "ad-impact",
      parentObjectId: "as-impact",
      date: addDays(applied, offset),
      spendCents,
      conversions,
      impressions: 1000,
      clicks: 3,
    });
    await handle.db.insert(performanceSnapshots).values([row(-4, 9999, 9), row(-3, 1000, 1), row(-2, 1000, 0), row(-1, 1000, 1), row(0, 500, 0), row(1, 0, 0), row(2, 0, 0), row(3, 0, 0)]);
    const deps = embeddedDeps(handle.db);
    const early = await measureImpacts(deps, { organizationId: c.organizationId, campaignId: c.campaignId, date: addDays(applied, 3) });
    expect(early.measured).toEqual([]);
    const done = await measureImpacts(deps, { organizationId: c.organizationId, campaignId: c.campaignId, date: addDays(applied, 4) });
    expect(done.measured).toEqual([action.id]);
    const stored = await loadAction(handle.db, action.id);
    expect(stored.impact).toMatchObject({ windowDays: 3, spendSavedCents: 3000, conversionsGained: -2, before: { spendCents: 3000, conversions: 2 } });
    expect(stored.impact!.summary).toMatch(/spent \$30 less .* 2 results fewer \(2 → 0\)/);
    const again = await measureImpacts(deps, { organizationId: c.organizationId, campaignId: c.campaignId, date: addDays(applied, 5) });
    expect(again.measured).toEqual([]);
  });
});

describe("postNotices", () => {
  it("tells the owner about tiring ads at most once per rule, campaign and day, even when two runs race", async () => {
    const c = await seedLiveCampaign(handle.db, "notices");
    const notice = { rule: "creative-fatigue", objectId: "ad-tired", title: "Your ads are tiring: new images are needed", message: "People have seen it 4 times." };
    const post = () =>
      postNotices(embeddedDeps(handle.db), { organizationId: c.organizationId, campaignId: c.campaignId, conversationId: c.conversationId, day: "2026-11-30", notices: [notice] });
    const counts = await Promise.all([post(), post()]);
    expect(counts.sort()).toEqual([0, 1]);
    expect(await post()).toBe(0);
    const posted = await handle.db.select().from(messages).where(eq(messages.conversationId, c.conversationId));
    expect(posted.map((m) => m.content)).toEqual(["Your ads are tiring: new images are needed.\nPeople have seen it 4 times."]);
  });
});

describe("evaluate-optimizations", () => {
  it("records the rules' decision for a weak ad once and starts one flow per new row, with deterministic ids", async () => {
    const c = await seedLiveCampaign(handle.db, "evaluate");
    const today = dayIn("UTC", new Date());
    const snap = (objectType: "campaign" | "adset" | "ad", objectId: string, parentObjectId: string | null, extra: object) => ({
      organizationId: c.organizationId,
      campaignId: c.campaignId,
      adAccountId: AD_ACCOUNT,
      objectType,
      objectId,
      parentObjectId,
      date: today,
      objectStatus: "ACTIVE",
      ...extra,
    });
    await handle.db.insert(performanceSnapshots).values([
      snap("campaign", "cmp-1", null, { impressions: 4000, clicks: 62, spendCents: 3000 }),
      snap("adset", "as-ev", "cmp-1", { impressions: 4000, clicks: 62, spendCents: 3000, dailyBudgetCents: 5000 }),
      snap("ad", "ad-ev-weak", "as-ev", { impressions: 2000, clicks: 2, spendCents: 1500, creativeId: "cr-1" }),
      snap("ad", "ad-ev-good", "as-ev", { impressions: 2000, clicks: 60, spendCents: 1500, creativeId: "cr-2" }),
    ]);
    const event = performanceSnapshotPulled.create({ organizationId: c.organizationId, projectId: c.projectId, campaignId: c.campaignId, adAccountId: AD_ACCOUNT, date: today, sweepId: crypto.randomUUID() });
    const runOnce = async () => {
      const ctx = testCtx();
      const { result, error } = await new InngestTestEngine({ function: evaluateOptimizations, events: [event as never], transformCtx: ctx.transformCtx }).execute();
      expect(error).toBeUndefined();
      return { result, sent: ctx.sent.flatMap((s) => [s.payload].flat() as { name: string; id: string; data: Record<string, unknown> }[]) };
    };
    const first = await runOnce();
    const rows = await handle.db.select().from(optimizationActions).where(eq(optimizationActions.campaignId, c.campaignId));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ rule: "low-ctr-ad", kind: "PAUSE_AD", objectId: "ad-ev-weak", status: "PROPOSED", idempotencyKey: `low-ctr-ad:ad-ev-weak:${today}` });
    expect(first.sent).toEqual([
      expect.objectContaining({ name: "optimization/action.proposed", id: `action-proposed-${rows[0]!.id}`, data: expect.objectContaining({ requiresApproval: false }) }),
    ]);
    const second = await runOnce();
    expect(second.sent).toEqual([]);
    expect(await handle.db.select().from(optimizationActions).where(eq(optimizationActions.campaignId, c.campaignId))).toHaveLength(1);
  });
});
