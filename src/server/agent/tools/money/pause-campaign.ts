import type { AgentTool, ToolContext, ToolResult } from "../types";
import { findCampaignFor, isRefusal, ownerWords, runsOnFacebook } from "./campaign-request";
import { pauseCampaignInput, type PauseCampaignInput } from "../../tool-inputs";
import { proposeOwnerRequest } from "./propose";

/**
 * Proposes pausing the project's live campaign (PAUSE_CAMPAIGN, as the unprofitable-campaign rule
 * builds it) as an owner request: the owner approves on its card. The chat's pause tool and the
 * ads-ops agent both propose through here, so a pause has one shape whoever asks for it.
 */
export async function proposeCampaignPause(ctx: ToolContext, why: { reason: string; projectedEffect: string }): Promise<ToolResult> {
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
    reason: why.reason.slice(0, 1000),
    projectedEffect: why.projectedEffect,
  });
}

export const pauseCampaignTool: AgentTool<PauseCampaignInput> = {
  name: "pause_campaign",
  input: pauseCampaignInput,
  run: (ctx, input) =>
    proposeCampaignPause(ctx, {
      reason: `You asked in the conversation to pause the campaign.${ownerWords(input.reason)}`,
      projectedEffect: "The ads stop showing and spending until the campaign is turned back on.",
    }),
};
