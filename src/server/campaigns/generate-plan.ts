import { applyGeoTarget } from "@/server/geo/resolve-location";
import type { GeoTarget } from "@/server/geo/geo-target";
import { LlmOutputError, type ChatTurn, type LlmService, type UsageContext } from "@/server/services/llm/types";
import { registerOfflinePlanGenerator } from "./offline-plan";
import { PLAN_PURPOSE, planMessages, planSystemPrompt, repairMessages } from "./plan-prompt";
import { checkPlanRules, type PlanViolation } from "./plan-rules";
import { campaignPlanSchema, type CampaignPlan, type PlanningBrief } from "./plan-schema";

// Whoever plans campaigns brings the offline stand-in with it, so `npm run dev` works without keys.
registerOfflinePlanGenerator();

export type GeneratePlanResult =
  | { ok: true; plan: CampaignPlan; repaired: boolean }
  | { ok: false; plan: CampaignPlan | null; violations: PlanViolation[] };

/** One answer from the model: a plan, or the raw text it sent when that was not a plan at all. */
type Attempt = { plan: CampaignPlan; violations: PlanViolation[]; raw: string };

/** The path under which an unusable answer (not JSON, cut off, wrong shape) is reported, like a rule. */
export const OUTPUT_PATH = "(output)";

async function attempt(
  llm: LlmService,
  opts: { system: string; messages: ChatTurn[]; brief: PlanningBrief; usage: UsageContext; geo?: GeoTarget | null },
): Promise<Attempt | { plan: null; violations: PlanViolation[]; raw: string }> {
  try {
    const { object } = await llm.generateObject({
      purpose: PLAN_PURPOSE,
      schema: campaignPlanSchema,
      system: opts.system,
      messages: opts.messages,
      model: "planner",
      usage: opts.usage,
    });
    // The places resolved from the brief replace whatever places the model wrote.
    const plan = applyGeoTarget(object, opts.geo);
    return { plan, violations: checkPlanRules(plan, opts.brief), raw: JSON.stringify(plan) };
  } catch (err) {
    // Malformed or truncated JSON is the model's mistake like a broken rule: it gets the same repair turn.
    // Anything else (network, 5xx) is thrown for the step to retry.
    if (!(err instanceof LlmOutputError)) throw err;
    return { plan: null, violations: [{ path: OUTPUT_PATH, message: err.message }], raw: err.raw };
  }
}

/**
 * Asks the planner model for a plan and checks it against the rules. An answer that breaks a rule, or
 * is not a usable plan at all, is sent back once with what was wrong; if the second answer still fails,
 * the caller surfaces it instead of showing the user a plan we would refuse to deploy.
 */
export async function generateCampaignPlan(
  llm: LlmService,
  opts: { brief: PlanningBrief; previous?: CampaignPlan; feedback?: string; usage: UsageContext; geo?: GeoTarget | null },
): Promise<GeneratePlanResult> {
  const system = planSystemPrompt(opts.brief);
  const messages = planMessages(opts);
  const first = await attempt(llm, { system, messages, brief: opts.brief, usage: opts.usage, geo: opts.geo });
  if (first.plan && first.violations.length === 0) return { ok: true, plan: first.plan, repaired: false };

  const second = await attempt(llm, {
    system,
    messages: repairMessages(messages, first.raw, first.violations),
    brief: opts.brief,
    geo: opts.geo,
    usage: { ...opts.usage, dedupeKey: `${opts.usage.dedupeKey}:repair` },
  });
  if (second.plan && second.violations.length === 0) return { ok: true, plan: second.plan, repaired: true };
  return { ok: false, plan: second.plan, violations: second.violations };
}
