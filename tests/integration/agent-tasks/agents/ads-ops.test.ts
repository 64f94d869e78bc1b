import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAgent } from "@/server/agent-tasks/agents";
import { facebookObjectStates, optimizationActions, performanceSnapshots } from "@/server/db/schema";
import type { Deps } from "@/server/deps";
import type { AdPlatform } from "@/server/services/facebook/types";
import { createTestDb } from "../../../support/db";
import { embeddedDeps } from "../../campaigns/support";
import { AD_ACCOUNT, seedAdSetRows, seedLiveCampaign, type LiveCampaign } from "../../optimization/support";
import { issueInput, recordingLog } from "./support";

let handle: Awaited<ReturnType<typeof createTestDb>>;
const ASK = { title: "My ads were rejected, why?" };
const DAY = "2026-11-30";

/** The embedded ad platform with every call's name recorded: a write would show up here. */
function watchedDeps(): { deps: Deps; calls: string[] } {
  const base = embeddedDeps(handle.db);
  const calls: string[] = [];
  const facebook = new Proxy(base.services.facebook, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        calls.push(String(prop));
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  }) as AdPlatform;
  return { deps: { ...base, services: { ...base.services, facebook } }, calls };
}

/** Two ads of the campaign as pulled on DAY, with what Facebook's review webhooks recorded for each. */
async function seedAds(c: LiveCampaign, adSetId: string, reviews: Record<string, { status: string; reason: string | null }>) {
  await seedAdSetRows(handle.db, c, DAY, { [adSetId]: 5000 });
  await handle.db.insert(performanceSnapshots).values(
    Object.keys(reviews).map((objectId) => ({ organizationId: c.organizationId, campaignId: c.campaignId, adAccountId: AD_ACCOUNT, objectType: "ad" as const, objectId, parentObjectId: adSetId, date: DAY, effectiveStatus: "ACTIVE" })),
  );
  await handle.db.insert(facebookObjectStates).values(
    Object.entries(reviews).map(([objectId, r]) => ({ organizationId: c.organizationId, campaignId: c.campaignId, adAccountId: AD_ACCOUNT, objectType: "ad" as const, objectId, reviewStatus: r.status, reviewReason: r.reason, reviewReportedAt: new Date() })),
  );
}

beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(async () => {
  await handle?.close();
});

describe("ads-ops agent", () => {
  it("explains each rejection and proposes pausing a campaign with every ad rejected, without moving anything itself", async () => {
    const c = await seedLiveCampaign(handle.db, "Ana");
    await seedAds(c, "as-1", {
      "ad-1": { status: "DISAPPROVED", reason: "Ads must not assert or imply personal attributes" },
      "ad-2": { status: "WITH_ISSUES", reason: "The landing page is not functional" },
    });
    const { deps, calls } = watchedDeps();
    const { log, tools } = recordingLog();
    const input = issueInput(c, ASK);
    const result = await runAgent(deps, { ...input, agentType: "ads-ops", log });
    const [rec] = result.artifacts;
    expect(rec).toMatchObject({ type: "RECOMMENDATION", name: "ad-review" });
    expect(rec!.content).toMatch(/2 of 2 ads are not delivering/);
    expect(rec!.content).toMatch(/Ad ad-1 is DISAPPROVED: "Ads must not assert or imply personal attributes"/);
    expect(rec!.content).toMatch(/personal attributes/);
    expect(rec!.content).toMatch(/Check the landing page/);
    const proposalId = rec!.metadata!.proposalId as string;
    expect(rec!.content).toContain(`Proposal \`${proposalId}\` (AWAITING_APPROVAL)`);
    // The approval card's event, for the job function to send once the run's step returns.
    expect(result.events).toEqual([expect.objectContaining({ name: "optimization/action.proposed", data: expect.objectContaining({ actionId: proposalId }) })]);
    expect(tools()).toEqual(["read_campaigns:ok", "read_ad_reviews:ok", "diagnose_reviews:ok", "propose_optimization:ok"]);

    // The no-money-moves property: the ledger holds one proposal waiting for a person, nothing applied, and Facebook saw no write.
    const rows = await handle.db.select().from(optimizationActions).where(eq(optimizationActions.organizationId, c.organizationId));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: proposalId, kind: "PAUSE_CAMPAIGN", rule: "owner-request", status: "AWAITING_APPROVAL", requiresApproval: true, appliedAt: null });
    expect(calls.filter((name) => !/^(read|get|list|find|fetch)/.test(name))).toEqual([]);

    // A retried attempt of the same job finds its own proposal instead of writing a second.
    const again = await runAgent(deps, { ...input, agentType: "ads-ops", log });
    expect(again.artifacts[0]!.metadata!.proposalId).toBe(proposalId);
    // ...and asks for the same event (the same id), so a run that died after the proposal still starts its approval, once.
    expect(again.events).toEqual(result.events);
    const applied = await handle.db
      .select()
      .from(optimizationActions)
      .where(and(eq(optimizationActions.organizationId, c.organizationId), inArray(optimizationActions.status, ["APPROVED", "APPLYING", "APPLIED"])));
    expect(applied).toEqual([]);
    expect(await handle.db.select().from(optimizationActions).where(eq(optimizationActions.organizationId, c.organizationId))).toHaveLength(1);
  });

  it("recommends fixes without any proposal while some ads still deliver", async () => {
    const c = await seedLiveCampaign(handle.db, "Bea");
    await seedAds(c, "as-2", { "ad-3": { status: "DISAPPROVED", reason: "Before-and-after images" }, "ad-4": { status: "APPROVED", reason: null } });
    const { deps, calls } = watchedDeps();
    const { log, tools } = recordingLog();
    const result = await runAgent(deps, { ...issueInput(c, ASK), agentType: "ads-ops", log });
    expect(result.artifacts[0]!.content).toMatch(/1 of 2 ads are not delivering/);
    expect(result.artifacts[0]!.content).toMatch(/before-and-after/);
    expect(result.artifacts[0]!.metadata).toMatchObject({ proposalId: null });
    expect(tools()).not.toContain("propose_optimization:ok");
    expect(await handle.db.select().from(optimizationActions).where(eq(optimizationActions.organizationId, c.organizationId))).toEqual([]);
    expect(calls.filter((name) => !/^(read|get|list|find|fetch)/.test(name))).toEqual([]);
  });
});
