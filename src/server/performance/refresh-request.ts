import { z } from "zod";
import type { Db } from "@/server/db";
import { getCampaign, type CampaignRecord } from "@/server/campaigns/records";
import { campaignIdParam } from "@/server/campaigns/validation";

export const refreshBody = z.object({ campaignId: campaignIdParam });

// Only a deployed campaign has numbers on Facebook; a paused one still has its recent days.
const REFRESHABLE = new Set(["ACTIVE", "PAUSED"]);

export type RefreshCheck =
  | { ok: true; record: CampaignRecord & { adAccountId: string } }
  | { ok: false; status: 404 | 409; message: string };

/** May the viewer's organization ask for fresh numbers on this campaign? Another organization's answers 404. */
export async function checkRefreshAllowed(db: Db, opts: { organizationId: string; campaignId: string }): Promise<RefreshCheck> {
  const record = await getCampaign(db, opts);
  if (!record) return { ok: false, status: 404, message: "Campaign not found" };
  if (!REFRESHABLE.has(record.status) || !record.adAccountId || !record.fbCampaignId) {
    return { ok: false, status: 409, message: "This campaign is not running on Facebook, so there are no numbers to refresh yet." };
  }
  return { ok: true, record: { ...record, adAccountId: record.adAccountId } };
}
