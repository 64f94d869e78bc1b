import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { campaignRecords, optimizationActions } from "@/server/db/schema";
import { setDeps } from "@/server/deps";
import type { ActivityDay } from "@/server/workspace/activity";
import { createTestDb } from "../../support/db";
import { embeddedDeps } from "../campaigns/support";
import { decision, record, seedLiveCampaign, type LiveCampaign } from "../optimization/support";
import { panel, PLAN } from "./support";

let handle: Awaited<ReturnType<typeof createTestDb>>;
let owner: LiveCampaign;
let outsider: LiveCampaign;
const ids = { paused: "", raise: "", older: "", theirs: "" };

beforeAll(async () => {
  handle = await createTestDb();
  setDeps(embeddedDeps(handle.db));
  [owner, outsider] = [await seedLiveCampaign(handle.db, "Ada"), await seedLiveCampaign(handle.db, "Mallory")];
  await handle.db.update(campaignRecords).set({ structure: PLAN, fbAdIds: { "ad-0-0": "ad-fresh" } }).where(eq(campaignRecords.id, owner.campaignId));
  const paused = await record(handle.db, owner, decision({ objectId: "ad-fresh", objectIds: ["ad-fresh"], before: { statuses: { "ad-fresh": "ACTIVE" } }, after: { statuses: { "ad-fresh": "PAUSED" } } }), new Date("2026-11-30T09:00:00Z"));
  await handle.db
    .update(optimizationActions)
    .set({ status: "APPLIED", appliedAt: new Date("2026-11-30T09:01:00Z"), outcome: "Paused on Facebook.", impact: { summary: "Saved $9 over 3 days with no fewer leads." } as never })
    .where(eq(optimizationActions.id, paused.id));
  const raise = await record(
    handle.db,
    owner,
    decision({ rule: "scale-winner", kind: "RAISE_BUDGET", objectType: "adset", objectId: "as-1", objectIds: ["as-1"], before: { dailyBudgets: { "as-1": 3000 } }, after: { dailyBudgets: { "as-1": 4500 } }, budgetChangePercent: 50, disposition: "approval", reason: "It pays back 3.8×." }),
    new Date("2026-11-30T10:00:00Z"),
  );
  await handle.db.update(optimizationActions).set({ status: "REJECTED", decidedBy: owner.owner.userId, decidedAt: new Date("2026-11-30T11:00:00Z") }).where(eq(optimizationActions.id, raise.id));
  const older = await record(handle.db, owner, decision({ snapshotDate: "2026-11-28" }), new Date("2026-11-28T09:00:00Z"));
  const theirs = await record(handle.db, outsider, decision(), new Date("2026-11-30T12:00:00Z"));
  Object.assign(ids, { paused: paused.id, raise: raise.id, older: older.id, theirs: theirs.id });
});
afterAll(async () => {
  setDeps();
  await handle?.close();
});

describe("GET /api/projects/:projectId/activity", () => {
  it("gives the project's ledger by account day, newest first, each in words: title, status, reason, before → after, who, outcome, impact", async () => {
    const res = await panel.activity(owner.owner.cookie, owner.projectId);
    expect(res.status).toBe(200);
    const { days } = (await res.json()) as { days: ActivityDay[] };
    expect(days.map((d) => d.day)).toEqual(["2026-11-30", "2026-11-28"]);
    expect(days[0]!.entries.map((e) => e.id)).toEqual([ids.raise, ids.paused]);
    expect(days[1]!.entries.map((e) => e.id)).toEqual([ids.older]);
    expect(days[0]!.entries[0]).toMatchObject({
      title: "Raise the daily budget by 50% (from $30 to $45)",
      status: "REJECTED",
      statusLabel: "Dismissed",
      reason: "It pays back 3.8×.",
      changes: ["Object as-1 daily budget: $30 → $45"],
      decidedByName: "Ada",
      campaignId: owner.campaignId,
      campaignName: "Bakery leads",
    });
    expect(days[0]!.entries[1]).toMatchObject({
      title: "Pause an ad that few people click",
      statusLabel: "Applied",
      changes: ['Ad "Fresh bread by 8am": running → paused'],
      outcome: "Paused on Facebook.",
      impactSummary: "Saved $9 over 3 days with no fewer leads.",
      decidedByName: null,
    });
    expect(JSON.stringify(days)).not.toContain(ids.theirs);
  });

  it("is 401 signed out, 404 for another organization's project and for unknown or malformed ids, and empty for a quiet project", async () => {
    expect((await panel.activity(undefined, owner.projectId)).status).toBe(401);
    expect((await panel.activity(outsider.owner.cookie, owner.projectId)).status).toBe(404);
    expect((await panel.activity(owner.owner.cookie, crypto.randomUUID())).status).toBe(404);
    expect((await panel.activity(owner.owner.cookie, "%00")).status).toBe(404);
    const theirs = (await (await panel.activity(outsider.owner.cookie, outsider.projectId)).json()) as { days: ActivityDay[] };
    expect(theirs.days.flatMap((d) => d.entries.map((e) => e.id))).toEqual([ids.theirs]);
  });
});
