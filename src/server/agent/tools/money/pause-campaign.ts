import type { AgentTool } from "../types";
import { findCampaignFor, isRefusal, ownerWords, runsOnFacebook } from "./campaign-request";
import { pauseCampaignInput, type PauseCampaignInput } from "../../tool-inputs";
import { proposeOwnerRequest } from "./propose";

/** Proposes pausing the live campaign (PAUSE_CAMPAIGN, as the unprofitable-campaign rule builds it): the owner approves on its card. */
export const pauseCampaignTool: AgentTool<PauseCampaignInput> = {
  name: "pause_campaign",
  input: pauseCampaignInput,
  async run(ctx, input) {
    const found = await findCampaignFor(ctx, "PAUSE_CAMPAIGN");
    if (isRefusal(found)) return found;
    if (!runsOnFacebook(found)) return { status: "refused", summary: "The campaign is already paused, so there is nothing to pause." };
    const id = found.record.fbCampaignId!;
    return proposeOwnerRequest(ctx, {
      record: found.record,
      kind: "PAUSE_CAMPAIGN",
      objectIds: [id],
      before: { statuses: { [id]: "ACTIVE" } },
      after: { statuses: { [id]: "PAUSED" } },
      moneyMovedCents: 0,
      budgetChangePercent: 0,
      totalDailyBudgetCents: found.totalDailyBudgetCents,
      snapshotDate: found.snapshotDate,
      reason: `You asked in the conversation to pause the campaign.${ownerWords(input.reason)}`,
      projectedEffect: "The ads stop showing and spending until the campaign is turned back on.",
    });
  },
};
