import { isActive, type CampaignView } from "@/server/performance/campaign-view";
import { lowCtrAdText } from "../messages";
import type { ProposedAction } from "../types";
import { dailySpend, deliveringAds, isLowClickRate, lifetimeTotals, proposal } from "./shared";

/**
 * Pause ads that people scroll past: a click rate under 0.3% after at least 1,000 views, over all the
 * ad's days. Worst first, and never the last delivering ad of its ad set (that would stop the ad set
 * without anyone deciding to). Excluded ads are a person's business and are left alone.
 */
export function lowCtrAds(view: CampaignView): ProposedAction[] {
  const out: ProposedAction[] = [];
  for (const adSet of view.adSets.filter(isActive)) {
    const delivering = deliveringAds(view, adSet.id);
    const weak = delivering
      .map((ad) => ({ ad, t: lifetimeTotals(ad) }))
      .filter(({ t }) => isLowClickRate(t))
      // Lowest click rate first (cross-multiplied, so no rounding decides the order).
      .sort((x, y) => x.t.clicks * y.t.impressions - y.t.clicks * x.t.impressions || x.ad.id.localeCompare(y.ad.id));
    let remaining = delivering.length;
    for (const { ad, t } of weak) {
      if (remaining <= 1) break;
      remaining -= 1;
      const spend = dailySpend(ad, view.window);
      out.push(
        proposal(view, {
          rule: "low-ctr-ad",
          kind: "PAUSE_AD",
          objectType: "ad",
          objectId: ad.id,
          objectIds: [ad.id],
          ...lowCtrAdText({ clicks: t.clicks, impressions: t.impressions, dailySpendCents: spend, currency: view.campaign.currency }),
          before: { statuses: { [ad.id]: "ACTIVE" } },
          after: { statuses: { [ad.id]: "PAUSED" } },
          moneyMovedCents: 0,
          budgetChangePercent: 0,
        }),
      );
    }
  }
  return out;
}
