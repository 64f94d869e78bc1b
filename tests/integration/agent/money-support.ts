import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { POST as approve } from "@/app/api/optimization/actions/[actionId]/approve/route";
import type { ToolContext } from "@/server/agent/tools/types";
import type { Db } from "@/server/db";
import { optimizationActions, performanceSnapshots, simulatedAdObjects } from "@/server/db/schema";
import type { Deps } from "@/server/deps";
import { accountNow } from "@/server/performance/account-clock";
import { SIMULATED_TOKEN_PREFIX } from "@/server/services/facebook/simulated";
import { jsonRequest } from "../../support/viewers";
import { embeddedDeps } from "../campaigns/support";
import { seedLiveCampaign, type LiveCampaign } from "../optimization/support";

export const SIM_ACCOUNT = "act_100000000000007";

export interface SimCampaign extends LiveCampaign {
  deps: Deps;
  fbCampaignId: string;
  adSetIds: string[];
  fb: { accessToken: string; adAccountId: string };
}

/**
 * A live campaign on the simulated ad account: campaign + ad sets created through the simulated
 * Graph (so apply really changes `simulated_ad_objects`), and today's pull stored as snapshots.
 */
export async function seedSimCampaign(db: Db, name: string, budgets: number[] = [4000, 2000]): Promise<SimCampaign> {
  const deps = embeddedDeps(db);
  const fb = { accessToken: `${SIMULATED_TOKEN_PREFIX}t`, adAccountId: SIM_ACCOUNT };
  const graph = deps.services.facebook;
  const campaign = await graph.createCampaign(fb, { name: `c-${name}`, objective: "OUTCOME_LEADS", status: "ACTIVE", specialAdCategories: [] });
  const adSetIds: string[] = [];
  for (const [i, cents] of budgets.entries()) {
    const adSet = await graph.createAdSet(fb, {
      name: `s-${name}-${i}`,
      campaignId: campaign.id,
      dailyBudgetCents: cents,
      billingEvent: "IMPRESSIONS",
      optimizationGoal: "LEAD_GENERATION",
      targeting: { geo_locations: { countries: ["US"] } },
      status: "ACTIVE",
    });
    adSetIds.push(adSet.id);
  }
  const c = await seedLiveCampaign(db, name, { adAccountId: SIM_ACCOUNT, fbCampaignId: campaign.id, simulated: true });
  const date = "2026-11-30";
  const base = { organizationId: c.organizationId, campaignId: c.campaignId, adAccountId: SIM_ACCOUNT, date, objectStatus: "ACTIVE" };
  await db.insert(performanceSnapshots).values([
    { ...base, objectType: "campaign" as const, objectId: campaign.id },
    ...adSetIds.map((id, i) => ({ ...base, objectType: "adset" as const, objectId: id, parentObjectId: campaign.id, dailyBudgetCents: budgets[i]! })),
  ]);
  return { ...c, deps, fbCampaignId: campaign.id, adSetIds, fb };
}

let call = 0;
/** The tool context of one user message (a fresh message id unless given). */
export function toolCtx(c: LiveCampaign & { deps: Deps }, overrides: Partial<ToolContext> = {}): ToolContext {
  return {
    deps: c.deps,
    organizationId: c.organizationId,
    projectId: c.projectId,
    conversationId: c.conversationId,
    userId: c.owner.userId,
    messageId: randomUUID(),
    callIndex: call++ % 3,
    now: new Date(),
    ...overrides,
  };
}

/** The owner presses Approve on the card: the only way an action becomes APPROVED. */
export function approveAs(cookie: string | undefined, actionId: string) {
  const req = jsonRequest(`/api/optimization/actions/${actionId}/approve`, { method: "POST", cookie, body: { confirm: true } });
  return approve(req, { params: Promise.resolve({ actionId }) });
}

export async function actionsOf(db: Db, campaignId: string) {
  return db.select().from(optimizationActions).where(eq(optimizationActions.campaignId, campaignId));
}

/** Every simulated Facebook object of the account, as stored: compared before and after to prove nothing was written. */
export async function simulatedObjects(db: Db) {
  const rows = await db.select().from(simulatedAdObjects);
  return rows.map((r) => JSON.stringify(r)).sort();
}

export { accountNow };
