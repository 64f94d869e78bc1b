import type { AgentToolName } from "../../catalogue";
import type { AgentTool } from "../types";

/**
 * The tools that move money or touch Facebook (pause, resume, budget, new campaign) and the brief
 * change. Each only records a proposal on the optimisation ledger (or a card the owner confirms);
 * none approves or applies anything.
 */
export const moneyTools: Partial<Record<AgentToolName, AgentTool<never>>> = {};
