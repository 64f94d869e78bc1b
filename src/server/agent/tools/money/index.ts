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
 *
 * Typed `AgentTool<any>`: each tool has its own input type, and the registry validates with the
 * tool's own `input` before calling `run`, so the record only needs to hold them side by side
 * (`AgentTool<never>` would not accept a tool whose schema outputs an object).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const moneyTools: Partial<Record<AgentToolName, AgentTool<any>>> = {
  change_brief: changeBriefTool,
  pause_campaign: pauseCampaignTool,
  resume_campaign: resumeCampaignTool,
  change_budget: changeBudgetTool,
  start_new_campaign: startNewCampaignTool,
};
