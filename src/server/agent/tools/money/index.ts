import type { AgentToolName } from "../../catalogue";
import type { AgentTool } from "../types";
import { changeBriefTool } from "./change-brief";
import { changeBudgetTool } from "./change-budget";
import { pauseCampaignTool } from "./pause-campaign";
import { resumeCampaignTool } from "./resume-campaign";
import { startNewCampaignTool } from "./start-new-campaign";

/**
 * The tools that move money or touch Facebook (pause, resume, budget, new campaign) and the brief
 * change. Each only records a proposal on the optimisation ledger (or a card the owner confirms);
 * none approves or applies anything.
 * Held as `AgentTool<never>` like the registry: the registry validates each call with the tool's
 * own `input` before `run`, so the record only holds them side by side.
 */
export const moneyTools: Partial<Record<AgentToolName, AgentTool<never>>> = {
  change_brief: changeBriefTool as AgentTool<never>,
  pause_campaign: pauseCampaignTool as AgentTool<never>,
  resume_campaign: resumeCampaignTool as AgentTool<never>,
  change_budget: changeBudgetTool as AgentTool<never>,
  start_new_campaign: startNewCampaignTool as AgentTool<never>,
};
