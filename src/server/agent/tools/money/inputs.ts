import { z } from "zod";

/**
 * The money tools' inputs, as the brief to agent-core fixed them (the lead dedupes with
 * `src/server/agent/tool-inputs.ts` at merge). Unknown keys are
 * stripped (zod's default), so a model's extra "approved: true" never reaches a tool.
 */
const reason = z.string().max(300).optional();

export const changeBriefInput = z.object({ changes: z.string().min(1).max(500) });
export const pauseCampaignInput = z.object({ reason });
export const resumeCampaignInput = z.object({ reason });
/** In the campaign currency's main unit (30 = $30.00 a day), the new total over the ad sets. */
export const changeBudgetInput = z.object({ dailyBudget: z.number().positive().max(1_000_000), reason: z.string().max(300).optional() });
export const startNewCampaignInput = z.object({ note: z.string().max(300).optional() });

export type ChangeBriefInput = z.infer<typeof changeBriefInput>;
export type PauseCampaignInput = z.infer<typeof pauseCampaignInput>;
export type ResumeCampaignInput = z.infer<typeof resumeCampaignInput>;
export type ChangeBudgetInput = z.infer<typeof changeBudgetInput>;
export type StartNewCampaignInput = z.infer<typeof startNewCampaignInput>;
