import { applyGeoTarget } from "@/server/geo/resolve-location";
import type { GeoTarget } from "@/server/geo/geo-target";
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
  opts: { brief: PlanningBrief; previous?: CampaignPlan; feedback?: string; usage: UsageContext; geo?: GeoTarget | null },
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
  const firstPlan = applyGeoTarget(first.object, opts.geo);
  const violations = checkPlanRules(firstPlan, opts.brief);
  if (violations.length === 0) return { ok: true, plan: firstPlan, repaired: false };

  const second = await llm.generateObject({
    purpose: PLAN_PURPOSE,
    schema: campaignPlanSchema,
    system,
    messages: repairMessages(messages, firstPlan, violations),
    model: "planner",
    usage: { ...opts.usage, dedupeKey: `${opts.usage.dedupeKey}:repair` },
  });
  const secondPlan = applyGeoTarget(second.object, opts.geo);
  const remaining = checkPlanRules(secondPlan, opts.brief);
  if (remaining.length === 0) return { ok: true, plan: secondPlan, repaired: true };
  return { ok: false, plan: secondPlan, violations: remaining };
}
