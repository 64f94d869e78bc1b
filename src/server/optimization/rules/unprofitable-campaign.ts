import { campaignRows, sumRows, type CampaignView } from "@/server/performance/campaign-view";
import { unprofitableText } from "../messages";
import type { ProposedAction } from "../types";
import { campaignObjectId, proposal } from "./shared";

/**
 * The campaign returned less than it cost over the last 3 days (ROAS < 1), on enough spend to be
 * sure (at least two days' budget). Pausing everything is the owner's call: always an approval.
 */
export function unprofitableCampaign(view: CampaignView): ProposedAction | null {
  const t = sumRows(campaignRows(view), view.window);
  const budget = view.dailyBudgetCents;
  if (budget <= 0 || t.spendCents < 2 * budget || t.valueCents >= t.spendCents) return null;
  const id = campaignObjectId(view);
  return proposal(view, {
    rule: "unprofitable-campaign",
    kind: "PAUSE_CAMPAIGN",
    objectType: "campaign",
    objectId: id,
    objectIds: [id],
    ...unprofitableText({ spendCents: t.spendCents, valueCents: t.valueCents, days: view.window.length, currency: view.campaign.currency }),
    before: { statuses: { [id]: "ACTIVE" } },
    after: { statuses: { [id]: "PAUSED" } },
    moneyMovedCents: 0,
    budgetChangePercent: 0,
  });
}
