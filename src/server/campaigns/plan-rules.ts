import { ALLOWED_CTAS, OBJECTIVE_FOR_GOAL, type CampaignPlan, type PlanningBrief } from "./plan-schema";

export interface PlanViolation {
  path: string;
  message: string;
}

// Facebook's own floors and its recommended text lengths (longer text is truncated in the feed).
export const MIN_DAILY_BUDGET_CENTS = 100;
export const LEGAL_AGE_MIN = 18;
export const LEGAL_AGE_MAX = 65;
export const HEADLINE_MAX = 40;
export const PRIMARY_TEXT_MAX = 125;
export const NAME_MAX = 120;
export const MAX_AD_SETS = 3;
export const MAX_ADS_PER_SET = 3;

/** The most a plan may spend per day: the brief's monthly budget spread over 30 days, rounded down. */
export const dailyBudgetCap = (monthlyBudgetCents: number) => Math.floor(monthlyBudgetCents / 30);

type BudgetBrief = Pick<PlanningBrief, "monthlyBudgetCents" | "committedDailyCents">;

/** This plan's share of the cap: what the owner's budget leaves after the project's other live campaigns. */
export const planDailyCap = (brief: BudgetBrief) => Math.max(0, dailyBudgetCap(brief.monthlyBudgetCents) - (brief.committedDailyCents ?? 0));

/**
 * Every rule a plan must pass before a human sees it. Pure, so the same check guards the model's
 * output, the repair prompt and the tests; nothing the user or the model writes can relax it.
 */
export function checkPlanRules(plan: CampaignPlan, brief: Pick<PlanningBrief, "goal"> & BudgetBrief): PlanViolation[] {
  const out: PlanViolation[] = [];
  const add = (path: string, message: string) => out.push({ path, message });
  const cap = planDailyCap(brief);
  const others = brief.committedDailyCents ?? 0;

  if (plan.objective !== OBJECTIVE_FOR_GOAL[brief.goal]) {
    add("objective", `must be ${OBJECTIVE_FOR_GOAL[brief.goal]} for the goal ${brief.goal}`);
  }
  if (plan.name.length > NAME_MAX) add("name", `must be at most ${NAME_MAX} characters`);
  if (plan.dailyBudgetCents > cap) {
    const why = others > 0 ? `the monthly budget / 30, minus ${others} for the project's other live campaigns` : "the monthly budget / 30";
    add("dailyBudgetCents", `must be at most ${cap} (${why})`);
  }
  if (plan.dailyBudgetCents < MIN_DAILY_BUDGET_CENTS * Math.max(1, plan.adSets.length)) {
    add("dailyBudgetCents", `must be at least ${MIN_DAILY_BUDGET_CENTS} per ad set`);
  }
  if (plan.adSets.length === 0) add("adSets", "must contain at least one ad set");
  if (plan.adSets.length > MAX_AD_SETS) add("adSets", `must contain at most ${MAX_AD_SETS} ad sets`);

  plan.adSets.forEach((set, i) => {
    const p = `adSets.${i}`;
    const { ageMin, ageMax, countries } = set.targeting;
    if (set.name.length > NAME_MAX) add(`${p}.name`, `must be at most ${NAME_MAX} characters`);
    if (ageMin < LEGAL_AGE_MIN || ageMin > LEGAL_AGE_MAX) add(`${p}.targeting.ageMin`, `must be between ${LEGAL_AGE_MIN} and ${LEGAL_AGE_MAX}`);
    if (ageMax < LEGAL_AGE_MIN || ageMax > LEGAL_AGE_MAX) add(`${p}.targeting.ageMax`, `must be between ${LEGAL_AGE_MIN} and ${LEGAL_AGE_MAX}`);
    if (ageMin > ageMax) add(`${p}.targeting.ageMin`, "must not be greater than ageMax");
    if (countries.length === 0) add(`${p}.targeting.countries`, "must name at least one country");
    countries.forEach((c, k) => {
      if (!/^[A-Z]{2}$/.test(c)) add(`${p}.targeting.countries.${k}`, "must be a two-letter ISO country code");
    });
    if (set.ads.length === 0) add(`${p}.ads`, "must contain at least one ad");
    if (set.ads.length > MAX_ADS_PER_SET) add(`${p}.ads`, `must contain at most ${MAX_ADS_PER_SET} ads`);
    set.ads.forEach((ad, j) => {
      const a = `${p}.ads.${j}`;
      if (ad.headline.trim().length === 0 || ad.headline.length > HEADLINE_MAX) {
        add(`${a}.headline`, `must be 1 to ${HEADLINE_MAX} characters`);
      }
      if (ad.primaryText.trim().length === 0 || ad.primaryText.length > PRIMARY_TEXT_MAX) {
        add(`${a}.primaryText`, `must be 1 to ${PRIMARY_TEXT_MAX} characters`);
      }
      if (!(ALLOWED_CTAS as readonly string[]).includes(ad.cta)) add(`${a}.cta`, `must be one of ${ALLOWED_CTAS.join(", ")}`);
      if (ad.imagePrompt.trim().length === 0) add(`${a}.imagePrompt`, "must describe the image");
    });
  });
  return out;
}

export function describeViolations(violations: PlanViolation[]): string {
  return violations.map((v) => `- ${v.path}: ${v.message}`).join("\n");
}
