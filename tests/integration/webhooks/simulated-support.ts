import { http, HttpResponse } from "msw";
import { campaignRecords } from "@/server/db/schema";
import type { Deps } from "@/server/deps";
import { ensureCampaignConversation } from "@/server/campaigns/records";
import { savePendingConnection, selectAdAccount } from "@/server/facebook/connections";
import { SIMULATED_PAGE, SIMULATED_TOKEN_PREFIX, simulatedAdAccountsFor } from "@/server/services/facebook/simulated";
import { seedWorld, type World } from "../campaigns/support";

export interface SimulatedLive extends World {
  campaignId: string;
  adAccountId: string;
  adIds: string[];
}

/**
 * An owner whose lead campaign is live on their organization's own simulated ad account: objects
 * really created in the simulated account (one ad set, two ads) and their ids stored as deploy does.
 */
export async function seedSimulatedLive(deps: Deps, name: string, opts: { objective?: string; activatedDaysAgo?: number } = {}): Promise<SimulatedLive> {
  const w = await seedWorld(deps.db, { name, connect: false });
  const adAccountId = simulatedAdAccountsFor(w.organizationId)[0]!.id;
  const owner = { organizationId: w.organizationId, userId: w.owner.userId };
  const accessToken = `${SIMULATED_TOKEN_PREFIX}t`;
  await savePendingConnection(deps.db, {
    ...owner,
    token: { accessToken, expiresAt: null },
    adAccounts: [{ id: adAccountId, name: "Ads", currency: "USD", accountStatus: 1, timezoneName: "America/New_York" }],
    pageId: SIMULATED_PAGE.id,
    simulated: true,
  });
  await selectAdAccount(deps.db, { ...owner, adAccountId });
  const fb = deps.services.facebook;
  const ctx = { accessToken, adAccountId };
  const objective = opts.objective ?? "OUTCOME_LEADS";
  const campaign = await fb.createCampaign(ctx, { name: `c-${name}`, objective, status: "ACTIVE", specialAdCategories: [] });
  const adSet = await fb.createAdSet(ctx, {
    name: `s-${name}`, campaignId: campaign.id, dailyBudgetCents: 2000, billingEvent: "IMPRESSIONS", optimizationGoal: "LINK_CLICKS",
    targeting: { geo_locations: { countries: ["US"] } }, status: "ACTIVE",
  });
  const { hash } = await fb.uploadImage(ctx, { name: `i-${name}.png`, bytes: Buffer.from(name) });
  const adIds: string[] = [];
  for (const n of [0, 1]) {
    const creative = await fb.createCreative(ctx, {
      name: `cr-${name}-${n}`, pageId: SIMULATED_PAGE.id, imageHash: hash, link: "https://bakery.example", headline: "Fresh bread", primaryText: "Weekly loaves", callToAction: "SIGN_UP",
    });
    adIds.push((await fb.createAd(ctx, { name: `a-${name}-${n}`, adSetId: adSet.id, creativeId: creative.id, status: "ACTIVE" })).id);
  }
  const conversationId = await ensureCampaignConversation(deps.db, { organizationId: w.organizationId, projectId: w.projectId });
  const [record] = await deps.db
    .insert(campaignRecords)
    .values({
      organizationId: w.organizationId, projectId: w.projectId, conversationId, briefId: w.briefId, version: 1,
      sourceKey: `brief:${w.briefId}`, claimedByRunId: "seed", status: "ACTIVE", structure: { name: "Bakery leads", objective },
      ownerUserId: w.owner.userId, connectionUserId: w.owner.userId, adAccountId, currency: "USD", approvedBy: w.owner.userId,
      fbCampaignId: campaign.id, fbAdSetIds: { "adset-0": adSet.id }, fbAdIds: { "ad-0-0": adIds[0]!, "ad-0-1": adIds[1]! },
      activatedAt: new Date(Date.now() - (opts.activatedDaysAgo ?? 0) * 86_400_000),
    })
    .returning();
  return { ...w, campaignId: record!.id, adAccountId, adIds };
}

export interface CapturedPost {
  body: string;
  signature: string | null;
}

/** Stands in for our own webhook endpoint at APP_URL: records each signed POST and answers `status`. */
export function ownEndpoint(appUrl = "http://localhost:3000") {
  const posts: CapturedPost[] = [];
  let status = 200;
  const handler = http.post(`${appUrl}/api/webhooks/facebook`, async ({ request }) => {
    posts.push({ body: await request.text(), signature: request.headers.get("x-hub-signature-256") });
    return status === 200 ? HttpResponse.json({ received: 1 }) : new HttpResponse(null, { status });
  });
  return { posts, handler, answer: (s: number) => void (status = s) };
}
