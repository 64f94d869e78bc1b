import { z } from "zod";
import type { AgentToolName } from "./catalogue";

/**
 * Each agent tool's input, in ONE place: the model is offered these schemas (as JSON schema), the
 * offline intents produce values of them, and every call is validated against them before a tool
 * runs. Free text the owner said stays bounded; nothing here is an instruction to anyone.
 */
export const METRIC_NAMES = [
  "ctr",
  "cpc",
  "cpm",
  "cost_per_result",
  "roas",
  "reach",
  "frequency",
  "impressions",
  "conversions",
  "spend",
] as const;
export type MetricName = (typeof METRIC_NAMES)[number];

export const showPerformanceInput = z.object({});
export const explainMetricInput = z.object({ metric: z.enum(METRIC_NAMES) });
export const writeAdCopyInput = z.object({ angle: z.string().max(200).optional() });
/** What the owner said, in their words: a proposal the owner confirms, never applied as said. */
export const changeBriefInput = z.object({ changes: z.string().min(1).max(500) });
export const pauseCampaignInput = z.object({ reason: z.string().max(300).optional() });
export const resumeCampaignInput = z.object({ reason: z.string().max(300).optional() });
/** In the campaign currency's main unit (30 = 30 EUR a day), not minor units. */
export const changeBudgetInput = z.object({
  dailyBudget: z.number().positive().max(1e6),
  reason: z.string().max(300).optional(),
});
export const startNewCampaignInput = z.object({ note: z.string().max(300).optional() });
export const generateReportInput = z.object({});

export const TOOL_INPUTS = {
  show_performance: showPerformanceInput,
  explain_metric: explainMetricInput,
  write_ad_copy: writeAdCopyInput,
  change_brief: changeBriefInput,
  pause_campaign: pauseCampaignInput,
  resume_campaign: resumeCampaignInput,
  change_budget: changeBudgetInput,
  start_new_campaign: startNewCampaignInput,
  generate_report: generateReportInput,
} satisfies Record<AgentToolName, z.ZodType>;

export type ToolInput<N extends AgentToolName> = z.infer<(typeof TOOL_INPUTS)[N]>;

export type ChangeBriefInput = z.infer<typeof changeBriefInput>;
export type PauseCampaignInput = z.infer<typeof pauseCampaignInput>;
export type ResumeCampaignInput = z.infer<typeof resumeCampaignInput>;
export type ChangeBudgetInput = z.infer<typeof changeBudgetInput>;
export type StartNewCampaignInput = z.infer<typeof startNewCampaignInput>;
