import { campaignRows, sumRows, type CampaignView } from "@/server/performance/campaign-view";
import { audienceText } from "../messages";
import type { ProposedAction } from "../types";
import { campaignObjectId, proposal } from "./shared";

/**
 * The same people keep seeing the campaign (more than 4 times each over the last 3 days) and click
 * ever less (last 3 days' click rate at most 70% of the first 3 days'). Needs 6 days of data so the
 * two windows do not overlap. Changing who sees the ads means a new plan: always an approval.
 */
export function audienceSaturated(view: CampaignView): ProposedAction | null {
  const rows = campaignRows(view).filter((r) => r.date <= view.window[view.window.length - 1]!);
  const days = [...new Set(rows.map((r) => r.date))].sort();
  if (days.length < 6) return null;
  const first = sumRows(rows, days.slice(0, 3));
  const last = sumRows(rows, view.window);
  if (last.reach <= 0 || last.impressions <= 4 * last.reach) return null;
  // A fall needs something to fall from.
  if (first.clicks <= 0 || first.impressions <= 0 || last.impressions <= 0) return null;
  // last CTR ≤ 0.7 × first CTR, cross-multiplied.
  if (10 * last.clicks * first.impressions > 7 * first.clicks * last.impressions) return null;
  const id = campaignObjectId(view);
  return proposal(view, {
    rule: "audience-saturated",
    kind: "CHANGE_AUDIENCE",
    objectType: "campaign",
    objectId: id,
    objectIds: [id],
    ...audienceText({ first, last }),
    before: {},
    after: {},
    moneyMovedCents: 0,
    budgetChangePercent: 0,
  });
}
