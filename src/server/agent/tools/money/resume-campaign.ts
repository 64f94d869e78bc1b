import type { AgentTool } from "../types";
import { findCampaignFor, isRefusal, ownerWords, runsOnFacebook } from "./campaign-request";
import { resumeCampaignInput, type ResumeCampaignInput } from "../../tool-inputs";
import { proposeOwnerRequest } from "./propose";

const PAUSED_OUTSIDE =
  " Someone paused it outside the agency (in Ads Manager, for example); the agency never turns that back on by itself, so approving this card is your explicit OK to turn it back on.";

/**
 * Proposes turning the paused campaign back on (RESUME_CAMPAIGN). A person's pause in Ads Manager
 * is respected as everywhere else: nothing happens without the owner's approval of this card, and
 * the card says that the pause was made outside. Only that approval lifts the hold (see apply).
 */
export const resumeCampaignTool: AgentTool<ResumeCampaignInput> = {
  name: "resume_campaign",
  input: resumeCampaignInput,
  async run(ctx, input) {
    const found = await findCampaignFor(ctx, "RESUME_CAMPAIGN");
    if (isRefusal(found)) return found;
    if (runsOnFacebook(found)) return { status: "refused", summary: "The campaign is already running, so there is nothing to turn back on." };
    const id = found.record.fbCampaignId!;
    const outside = found.state.heldOutside || (found.record.status === "ACTIVE" && found.state.pulledStatus === "PAUSED");
    return proposeOwnerRequest(ctx, {
      record: found.record,
      kind: "RESUME_CAMPAIGN",
      objectIds: [id],
      before: { statuses: { [id]: "PAUSED" } },
      after: { statuses: { [id]: "ACTIVE" } },
      moneyMovedCents: 0,
      budgetChangePercent: 0,
      totalDailyBudgetCents: found.totalDailyBudgetCents,
      snapshotDate: found.snapshotDate,
      reason: `You asked in the conversation to turn the campaign back on.${outside ? PAUSED_OUTSIDE : ""}${ownerWords(input.reason)}`,
      projectedEffect: "The ads start showing and spending again at their current daily budgets.",
    });
  },
};
