import type { LlmService, UsageContext } from "@/server/services/llm/types";
import { registerOfflinePlanGenerator } from "./offline-plan";
import { PLAN_PURPOSE, planMessages, planSystemPrompt, repairMessages } from "./plan-prompt";
import { checkPlanRules, type PlanViolation } from "./plan-rules";
import { campaignPlanSchema, type CampaignPlan, type PlanningBrief } from "./plan-schema";

// Whoever plans campaigns brings the offline stand-in with it, so `npm run dev` works without keys.
registerOfflinePlanGenerator();

export type GeneratePlanResult =
  | { ok: true; plan: CampaignPlan; repaired: boolean }
  | { ok: false; plan: CampaignPlan; violations: PlanViolation[] };

/**
 * Asks the planner model for a plan and checks it against the rules. A plan that breaks a rule is
 * sent back once with the list of violations; if the second answer still breaks one, the caller
 * surfaces it instead of showing the user a plan we would refuse to deploy.
 */
export async function generateCampaignPlan(
  llm: LlmService,
  opts: { brief: PlanningBrief; previous?: CampaignPlan; feedback?: string; usage: UsageContext },
): Promise<GeneratePlanResult> {
  const system = planSystemPrompt(opts.brief);
  const messages = planMessages(opts);
  const first = await llm.generateObject({
    purpose: PLAN_PURPOSE,
    schema: campaignPlanSchema,
    system,
    messages,
    model: "planner",
    usage: opts.usage,
  });
  const violations = checkPlanRules(first.object, opts.brief);
  if (violations.length === 0) return { ok: true, plan: first.object, repaired: false };

  const second = await llm.generateObject({
    purpose: PLAN_PURPOSE,
    schema: campaignPlanSchema,
    system,
    messages: repairMessages(messages, first.object, violations),
    model: "planner",
    usage: { ...opts.usage, dedupeKey: `${opts.usage.dedupeKey}:repair` },
  });
  const remaining = checkPlanRules(second.object, opts.brief);
  if (remaining.length === 0) return { ok: true, plan: second.object, repaired: true };
  return { ok: false, plan: second.object, violations: remaining };
}
