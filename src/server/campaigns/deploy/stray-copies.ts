import type { AdAccountContext, AdPlatform } from "@/server/services/facebook/types";
import type { CampaignRecord } from "../records";
import { campaignMarkerPrefix } from "./markers";
import { deleteUnlessGone } from "./reconcile";

/**
 * Deletes every ad set and ad of this campaign version that carries our marker but is not the one the
 * record names. A run that lost the claim of a slot deletes its own copy right after, but if it crashed
 * in between, its retry stops at the stored id and the copy (created ACTIVE) would spend as soon as the
 * campaign is switched on. Run just before activation, so only what the record names ever spends.
 */
export async function deleteStrayCopies(opts: { facebook: AdPlatform; fb: AdAccountContext; record: CampaignRecord }): Promise<string[]> {
  const { facebook, fb, record } = opts;
  if (!record.fbCampaignId) return [];
  const prefix = campaignMarkerPrefix(record);
  const named = new Set([...Object.values(record.fbAdSetIds), ...Object.values(record.fbAdIds)]);
  const strays: string[] = [];
  const adSets = await facebook.findMarkedObjects(fb, { kind: "adset", parentId: record.fbCampaignId, marker: `${prefix}adset-` });
  strays.push(...adSets.filter((o) => !named.has(o.id)).map((o) => o.id));
  for (const adSetId of Object.values(record.fbAdSetIds)) {
    const ads = await facebook.findMarkedObjects(fb, { kind: "ad", parentId: adSetId, marker: `${prefix}ad-` });
    strays.push(...ads.filter((o) => !named.has(o.id)).map((o) => o.id));
  }
  for (const id of strays) await deleteUnlessGone({ facebook, fb }, id);
  return strays;
}
