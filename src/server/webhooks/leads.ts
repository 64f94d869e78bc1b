import { getCampaign, type CampaignRecord } from "@/server/campaigns/records";
import type { Deps } from "@/server/deps";
import { accountTimezone, dayIn } from "@/server/performance/account-timezone";
import { readLead } from "./leads-fetch";
import { campaignsHoldingAd, type LeadMatch } from "./leads-match";
import { storeLead, type NewLead, type StoredLead } from "./leads-store";
import type { LeadgenChange } from "./leads-value";
import { adHeadline, leadContact, leadNotificationText } from "./leads-words";

type Matched = Extract<LeadMatch, { match: "MATCHED" }>;

/** A lead matched by its page only may still name one of our ads once Graph has answered. */
async function campaignOf(deps: Deps, match: Matched, adId: string | undefined): Promise<CampaignRecord | null> {
  const campaignId = match.campaignId ?? (adId ? (await campaignsHoldingAd(deps.db, adId, match.organizationId))[0]?.id : undefined);
  return campaignId ? getCampaign(deps.db, { organizationId: match.organizationId, campaignId }) : null;
}

const changeRow = (change: LeadgenChange) => ({ leadgenId: change.leadgenId, pageId: change.pageId, formId: change.formId ?? null, adId: change.adId ?? null });
const changeTime = (change: LeadgenChange, fallback: Date) => (change.createdTime !== undefined ? new Date(change.createdTime * 1000) : fallback);

/**
 * Fetches the lead's answers and stores them under its organization and campaign, with the owner's
 * notification, in one go: the answers are personal data, so they go from Graph straight into the
 * database and never into a step's output. Returns ids only. An unmatched lead is stored without a
 * fetch (no organization's token may read it). For a MATCHED lead without answers, `unmatchedReason`
 * says why they are missing (login expired, lead deleted, Facebook refused, or `givenUp`: the run's
 * retries ran out, so the lead is kept without asking Graph again).
 */
export async function fetchAndStoreLead(
  deps: Deps,
  input: { change: LeadgenChange; match: LeadMatch; fallbackTime: Date; now: Date; givenUp?: string },
): Promise<StoredLead> {
  const { change, match } = input;
  if (match.match === "UNMATCHED") {
    const lead: NewLead = { ...changeRow(change), match: "UNMATCHED", unmatchedReason: match.reason, leadCreatedAt: changeTime(change, input.fallbackTime) };
    return storeLead(deps.db, { lead, notification: null });
  }
  const read = await readLead(deps, { match, leadgenId: change.leadgenId, pageId: change.pageId, now: input.now, givenUp: input.givenUp });
  const adId = read.lead?.adId ?? change.adId;
  const campaign = await campaignOf(deps, match, adId);
  const at = read.lead?.createdTime ?? changeTime(change, input.fallbackTime);
  const adAccountId = campaign?.adAccountId ?? read.connection?.adAccountId;
  // The campaign's ad-account day, the one its insights are reported in, so the series adds up per day.
  const timeZone = adAccountId ? await accountTimezone(deps.db, { organizationId: match.organizationId, adAccountId }) : "UTC";
  const lead: NewLead = {
    ...changeRow(change),
    organizationId: match.organizationId,
    campaignId: campaign?.id ?? null,
    match: "MATCHED",
    unmatchedReason: read.missing,
    formId: read.lead?.formId ?? change.formId ?? null,
    adId: adId ?? null,
    leadCreatedAt: at,
    day: dayIn(timeZone, at),
    fieldData: read.lead?.fieldData ?? [],
  };
  const ownerUserId = campaign ? (campaign.ownerUserId ?? campaign.connectionUserId) : match.connectionUserId;
  // A lead Facebook deleted before we could read it leaves the owner nothing to act on.
  if (read.deleted || !ownerUserId) return storeLead(deps.db, { lead, notification: null });
  const words = leadNotificationText({
    contact: read.lead ? leadContact(read.lead.fieldData) : null,
    adHeadline: campaign ? adHeadline(campaign, adId) : null,
    campaignName: (campaign?.structure as { name?: string } | null)?.name ?? null,
    missingAnswers: read.missing,
    simulated: read.connection?.simulated ?? false,
  });
  const projectId = campaign?.projectId ?? read.connection?.projectId ?? null;
  const link = campaign ? `/projects/${campaign.projectId}/campaigns/${campaign.id}` : projectId ? `/projects/${projectId}` : "/dashboard";
  const notification = { userId: ownerUserId, organizationId: match.organizationId, projectId, conversationId: campaign?.conversationId ?? null, type: "LEAD" as const, ...words, link };
  return storeLead(deps.db, { lead, notification });
}
