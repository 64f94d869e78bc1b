import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadPerformanceView } from "@/components/performance/load-performance";
import { loadCampaignLeads } from "@/components/webhooks/load-leads";
import { performanceSnapshots } from "@/server/db/schema";
import { campaignSeries } from "@/server/performance/series";
import { addSimulatedFault, createSimulatedAdPlatform, GraphApiError, simulatedLeadgenId, SIMULATED_TOKEN_PREFIX } from "@/server/services/facebook";
import { storeLead } from "@/server/webhooks/leads-store";
import { createTestDb } from "../../support/db";
import { seedWorld, type World } from "../campaigns/support";
import { LEAD_PLAN, seedLeadCampaign } from "./leads-support";

let handle: Awaited<ReturnType<typeof createTestDb>>;
let mine: World, theirs: World;

beforeAll(async () => {
  handle = await createTestDb();
  [mine, theirs] = [await seedWorld(handle.db, { name: "Ada", connect: false }), await seedWorld(handle.db, { name: "Bo", connect: false })];
});
afterAll(async () => {
  await handle?.close();
});

const answers = [
  { name: "full_name", values: ["Maya Okafor"] },
  { name: "email", values: ["maya@example.com"] },
  { name: "how_many_loaves?", values: ["3"] },
];

async function lead(w: World, campaignId: string, leadgenId: string, day: string) {
  const at = new Date(`${day}T15:00:00Z`);
  const row = { leadgenId, organizationId: w.organizationId, campaignId, match: "MATCHED" as const, adId: "7001", leadCreatedAt: at, day, fieldData: answers };
  return storeLead(handle.db, { lead: row, notification: null });
}

/** Campaign-level insights rows: Facebook's own count of conversions per day. */
async function insights(w: World, campaignId: string, fbCampaignId: string, conversionsByDay: Record<string, number>) {
  await handle.db.insert(performanceSnapshots).values(
    Object.entries(conversionsByDay).map(([date, conversions]) => ({
      organizationId: w.organizationId, campaignId, adAccountId: "act_1234567890", objectType: "campaign" as const, objectId: fbCampaignId,
      date, spendCents: 1_200, impressions: 1_000, clicks: 20, conversions,
    })),
  );
}

describe("leads in the monitoring data", () => {
  it("a lead campaign's day counts the larger of Facebook's conversions and its stored leads, never both", async () => {
    const c = await seedLeadCampaign(handle.db, mine, { adId: "7001" });
    await insights(mine, c.id, c.fbCampaignId!, { "2026-11-28": 2, "2026-11-29": 0, "2026-11-30": 1 });
    // Nov 28: Facebook already counted both form leads. Nov 29: insights lag, 3 leads arrived. Nov 30: 1 and 1.
    for (const [id, day] of [["a1", "2026-11-28"], ["a2", "2026-11-28"], ["b1", "2026-11-29"], ["b2", "2026-11-29"], ["b3", "2026-11-29"], ["c1", "2026-11-30"]] as const) {
      await lead(mine, c.id, `${c.id}-${id}`, day);
    }
    const series = await campaignSeries(handle.db, c, { days: 30 });
    expect(series.map((p) => [p.date, p.conversions])).toEqual([["2026-11-28", 2], ["2026-11-29", 3], ["2026-11-30", 1]]);
    expect(series[1]!.costPerConversionCents).toBe(400);
    const view = await loadPerformanceView(handle.db, { organizationId: mine.organizationId, campaignId: c.id });
    expect(view!.points.map((p) => p.conversions)).toEqual([2, 3, 1]);
  });

  it("a sales campaign's form answers are not counted as its results", async () => {
    const c = await seedLeadCampaign(handle.db, mine, { adId: "7002", structure: { ...LEAD_PLAN, objective: "OUTCOME_SALES" } });
    await insights(mine, c.id, c.fbCampaignId!, { "2026-11-29": 0 });
    await lead(mine, c.id, `${c.id}-s1`, "2026-11-29");
    expect((await campaignSeries(handle.db, c, { days: 30 })).map((p) => p.conversions)).toEqual([0]);
  });
});

describe("the campaign's Leads list", () => {
  it("shows the organization's own leads with name, contact, time and ad; another organization sees none", async () => {
    const c = await seedLeadCampaign(handle.db, mine, { adId: "7003" });
    await lead(mine, c.id, "list-1", "2026-11-29");
    await lead(mine, c.id, "list-2", "2026-11-30");
    const rows = await loadCampaignLeads(handle.db, { organizationId: mine.organizationId, campaignId: c.id });
    expect(rows.map((r) => r.at?.toISOString())).toEqual(["2026-11-30T15:00:00.000Z", "2026-11-29T15:00:00.000Z"]);
    expect(rows[0]).toMatchObject({ name: "Maya Okafor", email: "maya@example.com", phone: null, otherAnswers: [{ question: "How many loaves", answer: "3" }] });
    expect(await loadCampaignLeads(handle.db, { organizationId: theirs.organizationId, campaignId: c.id })).toEqual([]);
    // Even a lead row wrongly pointing at their campaign id is not shown to them: both scopes are checked.
    const theirCampaign = await seedLeadCampaign(handle.db, theirs, { adId: "7004" });
    await storeLead(handle.db, { lead: { leadgenId: "stray", organizationId: mine.organizationId, campaignId: theirCampaign.id, match: "MATCHED", fieldData: answers }, notification: null });
    expect(await loadCampaignLeads(handle.db, { organizationId: theirs.organizationId, campaignId: theirCampaign.id })).toEqual([]);
  });
});

describe("simulated getLead", () => {
  const platform = () => createSimulatedAdPlatform({ db: handle.db });
  const token = `${SIMULATED_TOKEN_PREFIX}abc`;
  const catchError = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e as GraphApiError);

  it("reads back the lead the id describes; an id that does not decode does not exist, as on Graph", async () => {
    const createdTime = new Date("2026-11-30T10:00:00Z");
    const id = simulatedLeadgenId({ adId: "120000000000000777", createdTime, n: 0 });
    const lead = await platform().getLead(token, id);
    expect(lead).toMatchObject({ id, adId: "120000000000000777", createdTime });
    expect(await platform().getLead(token, id)).toEqual(lead);
    const missing = await catchError(platform().getLead(token, "1234567890"));
    expect(missing?.details).toMatchObject({ code: 100, subcode: 33 });
    expect((await catchError(platform().getLead("EAAB-real", id)))?.details.code).toBe(190);
  });

  it("a getLead fault plays a throttle", async () => {
    await addSimulatedFault(handle.db, { operation: "getLead", code: 32, message: "Page request limit reached", retryAfterMinutes: 2 });
    const id = simulatedLeadgenId({ adId: "120000000000000777", createdTime: new Date(), n: 1 });
    expect((await catchError(platform().getLead(token, id)))?.kind).toBe("rate-limit");
    expect((await platform().getLead(token, id)).id).toBe(id);
  });
});
