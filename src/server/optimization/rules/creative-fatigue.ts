import { isActive, isExcludedAd, sumRows, type CampaignView, type ObjectState, type Totals } from "@/server/performance/campaign-view";
import { fatigueNoticeText, rotateCreativeText } from "../messages";
import type { Notice, ProposedAction } from "../types";
import { MIN_IMPRESSIONS, deliveringAds, isLowClickRate, lifetimeTotals, proposal } from "./shared";

/** Seen more than 3 times per person over the last 3 days, on at least 1,000 views. */
function isTired(t: Totals): boolean {
  return t.impressions >= MIN_IMPRESSIONS && t.reach > 0 && t.impressions > 3 * t.reach;
}

/**
 * A paused ad of the same ad set with another image or text, that nobody excluded, that is not
 * itself a poor performer nor still tired from its own last run.
 */
function alternativeFor(view: CampaignView, tired: ObjectState, taken: Set<string>): ObjectState | null {
  const creative = tired.latest.creativeId;
  return (
    view.ads.find(
      (a) =>
        a.parentId === tired.parentId &&
        a.latest.objectStatus === "PAUSED" &&
        !isExcludedAd(view, a) &&
        !taken.has(a.id) &&
        a.latest.creativeId !== null &&
        a.latest.creativeId !== creative &&
        !isLowClickRate(lifetimeTotals(a)) &&
        !isTired(sumRows(a.rows, view.window)),
    ) ?? null
  );
}

/**
 * Swap a tired ad for a fresh one in its ad set; with none to swap in, tell the owner new images are
 * needed instead of changing anything. `pausing` holds ads another rule already pauses.
 */
export function creativeFatigue(view: CampaignView, pausing: Set<string>): { actions: ProposedAction[]; notices: Notice[] } {
  const actions: ProposedAction[] = [];
  const notices: Notice[] = [];
  const taken = new Set<string>();
  for (const adSet of view.adSets.filter(isActive)) {
    for (const ad of deliveringAds(view, adSet.id)) {
      if (pausing.has(ad.id)) continue;
      const t = sumRows(ad.rows, view.window);
      if (!isTired(t)) continue;
      const alternative = alternativeFor(view, ad, taken);
      if (!alternative) {
        notices.push({ rule: "creative-fatigue", objectId: ad.id, ...fatigueNoticeText({ impressions: t.impressions, reach: t.reach }) });
        continue;
      }
      taken.add(alternative.id);
      actions.push(
        proposal(view, {
          rule: "creative-fatigue",
          kind: "ROTATE_CREATIVE",
          objectType: "ad",
          objectId: ad.id,
          objectIds: [ad.id, alternative.id],
          ...rotateCreativeText({ impressions: t.impressions, reach: t.reach }),
          before: { statuses: { [ad.id]: "ACTIVE", [alternative.id]: "PAUSED" } },
          after: { statuses: { [ad.id]: "PAUSED", [alternative.id]: "ACTIVE" } },
          moneyMovedCents: 0,
          budgetChangePercent: 0,
        }),
      );
    }
  }
  return { actions, notices };
}
