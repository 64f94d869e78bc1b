import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Deps } from "@/server/deps";
import { campaignRecords } from "@/server/db/schema";
import { accountNow } from "@/server/performance/account-clock";
import { SIMULATED_PAGE, simulatedAdAccountsFor } from "@/server/services/facebook/simulated";
import { changeOrganizationObject } from "@/server/services/facebook/simulated-dev";
import { postToOwnEndpoint } from "./deliver-simulated";
import { SIMULATED_REVIEW_REASONS } from "./simulated-deliveries";
import { simulatedLeadFormId, simulatedLeadgenId } from "@/server/services/facebook/simulated-leads";
import {
  accountStatusChange,
  adAccountBody,
  adWithIssuesChange,
  inProcessChange,
  leadgenChange,
  pageBody,
  type WebhookBody,
} from "./sample-deliveries";

export const SAMPLE_KINDS = ["lead", "ad-disapproved", "account-disabled", "account-enabled", "paused-outside", "unknown-field"] as const;
export type SampleKind = (typeof SAMPLE_KINDS)[number];

export const sampleDeliveryInput = z.object({ kind: z.enum(SAMPLE_KINDS), campaignId: z.string().min(1).max(100) });

export type SampleOutcome =
  | { ok: true; kind: SampleKind; status: number; changes: number }
  | { ok: false; status: 404 | 409 | 502; message: string };

/** The viewer's deployed campaign on one of the organization's own simulated ad accounts. */
async function findSimulatedCampaign(deps: Pick<Deps, "db">, organizationId: string, campaignId: string) {
  const [row] = await deps.db
    .select()
    .from(campaignRecords)
    .where(and(eq(campaignRecords.organizationId, organizationId), eq(campaignRecords.id, campaignId)));
  const own = simulatedAdAccountsFor(organizationId).some((a) => a.id === row?.adAccountId);
  return row && own ? row : null;
}

/**
 * Builds one sample delivery about the campaign and posts it, signed, to our own endpoint, as the
 * simulated ad account would. "paused-outside" also pauses the ad in the simulated account first,
 * exactly as a person in Ads Manager would, so what the agency then reads from Facebook agrees.
 */
export async function sendSampleDelivery(deps: Pick<Deps, "db" | "services">, opts: { organizationId: string; kind: SampleKind; campaignId: string }): Promise<SampleOutcome> {
  const campaign = await findSimulatedCampaign(deps, opts.organizationId, opts.campaignId);
  if (!campaign?.adAccountId) return { ok: false, status: 404, message: "No such campaign on your simulated ad account" };
  const adId = Object.entries(campaign.fbAdIds).sort(([a], [b]) => (a < b ? -1 : 1))[0]?.[1];
  if (!adId && opts.kind !== "account-disabled" && opts.kind !== "account-enabled") {
    return { ok: false, status: 409, message: "The campaign has no ads on Facebook yet" };
  }
  const now = await accountNow(deps, campaign.adAccountId);
  const account = campaign.adAccountId;
  let body: WebhookBody;
  switch (opts.kind) {
    case "lead": {
      // A random n keeps two presses in the same second apart: each press is a new lead.
      const n = Math.floor(Math.random() * 1_000_000);
      body = pageBody(SIMULATED_PAGE.id, [
        { time: now, changes: [leadgenChange({ leadgenId: simulatedLeadgenId({ adId: adId!, createdTime: now, n }), pageId: SIMULATED_PAGE.id, formId: simulatedLeadFormId(adId!), adId: adId!, createdAt: now })] },
      ]);
      break;
    }
    case "ad-disapproved":
      body = adAccountBody(account, now, [adWithIssuesChange({ adId: adId!, ...SIMULATED_REVIEW_REASONS[0]! })]);
      break;
    case "account-disabled":
      body = adAccountBody(account, now, [accountStatusChange({ adAccountId: account, accountStatus: 2, disableReason: 1 })]);
      break;
    case "account-enabled":
      body = adAccountBody(account, now, [accountStatusChange({ adAccountId: account, accountStatus: 1 })]);
      break;
    case "paused-outside": {
      const changed = await changeOrganizationObject(deps.db, opts.organizationId, adId!, { status: "PAUSED" });
      if (!changed.ok) return { ok: false, status: 404, message: changed.message };
      body = adAccountBody(account, now, [inProcessChange({ objectId: adId!, level: "AD", statusName: "PAUSED" })]);
      break;
    }
    case "unknown-field":
      body = adAccountBody(account, now, [{ field: "ad_recommendations", value: { id: adId!, recommendation: "Try a wider audience" } }]);
      break;
  }
  try {
    const posted = await postToOwnEndpoint([body]);
    return { ok: true, kind: opts.kind, status: 200, changes: posted.changes };
  } catch (err) {
    return { ok: false, status: 502, message: `Our webhook endpoint did not accept the sample: ${(err as Error).message}` };
  }
}
