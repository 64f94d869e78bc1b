import { describeConversion, floorToCurrency, formatMoney, type BudgetConversion } from "./currency";
import type { ReplacedCampaign } from "./live-campaigns";
import type { CampaignPlan, PlanningBrief } from "./plan-schema";
import { projectResults, type ProjectedResults } from "./projections";

/** Everything the approval card renders, stored as the APPROVAL_REQUEST message's metadata. */
export interface ApprovalCard {
  kind: "campaign-approval";
  campaignId: string;
  version: number;
  name: string;
  objective: string;
  summary: string;
  simulated: boolean;
  targeting: { adSetName: string; summary: string }[];
  ads: { adSetName: string; name: string; headline: string; primaryText: string; cta: string; imagePrompt: string; reserve?: boolean }[];
  budget: {
    /** ISO 4217 code of the ad account: every amount on the card is in hundredths of it. */
    currency: string;
    dailyCents: number;
    perAdSetDailyCents: number;
    monthlyEstimateCents: number;
    briefMonthlyBudgetCents: number;
    /** Budget the project's other live campaigns keep spending per day (counted against the brief's budget). */
    otherLiveDailyCents: number;
    /** Present when the brief's budget was in another currency: the rate and the original amount. */
    conversion?: BudgetConversion & { sentence: string };
  };
  /** The live campaign this version takes over from; it is paused once this one is live. */
  replaces?: ReplacedCampaign & { sentence: string };
  projected: ProjectedResults;
}

/** "Replaces campaign “Spring”, live at €20/day; it will be paused once this one is live." */
export function describeReplacement(r: ReplacedCampaign): string {
  return `Replaces campaign “${r.name}” (version ${r.version}), live at ${formatMoney(r.dailyCents, r.currency)}/day; it will be paused once this one is live.`;
}

export function summarizeTargeting(t: CampaignPlan["adSets"][number]["targeting"]): string {
  const interests = t.interests.length ? `interested in ${t.interests.join(", ")}` : "broad interests";
  // Named places read better than codes: "Porto, Lisbon (PT)" rather than "PT".
  const areas = [...(t.regions ?? []), ...(t.cities ?? [])];
  const partly = new Set(areas.map((a) => a.countryCode));
  const places = [...areas.map((a) => `${a.name} (${a.countryCode})`), ...t.countries.filter((c) => !partly.has(c))];
  return `People aged ${t.ageMin}–${t.ageMax} in ${places.join(", ")}, ${interests}`;
}

/** Splits the daily budget evenly across ad sets, rounding down (to whole yen for JPY) so the total never exceeds it. */
export const perAdSetBudget = (plan: Pick<CampaignPlan, "dailyBudgetCents" | "adSets">, currency = "USD") =>
  floorToCurrency(Math.floor(plan.dailyBudgetCents / Math.max(1, plan.adSets.length)), currency);

export function buildApprovalCard(opts: {
  campaignId: string;
  version: number;
  plan: CampaignPlan;
  brief: Pick<PlanningBrief, "goal" | "monthlyBudgetCents" | "budgetCurrency" | "committedDailyCents">;
  conversion?: BudgetConversion;
  replaces?: ReplacedCampaign | null;
}): ApprovalCard {
  const { plan } = opts;
  return {
    kind: "campaign-approval",
    campaignId: opts.campaignId,
    version: opts.version,
    name: plan.name,
    objective: plan.objective,
    summary: plan.summary,
    simulated: plan.simulated === true,
    targeting: plan.adSets.map((s) => ({ adSetName: s.name, summary: summarizeTargeting(s.targeting) })),
    ads: plan.adSets.flatMap((s) =>
      s.ads.map((a) => ({
        adSetName: s.name,
        name: a.name,
        headline: a.headline,
        primaryText: a.primaryText,
        cta: a.cta,
        imagePrompt: a.imagePrompt,
        reserve: a.reserve === true,
      })),
    ),
    budget: {
      currency: opts.brief.budgetCurrency,
      dailyCents: plan.dailyBudgetCents,
      perAdSetDailyCents: perAdSetBudget(plan, opts.brief.budgetCurrency),
      monthlyEstimateCents: plan.dailyBudgetCents * 30,
      briefMonthlyBudgetCents: opts.brief.monthlyBudgetCents,
      otherLiveDailyCents: opts.brief.committedDailyCents ?? 0,
      ...(opts.conversion ? { conversion: { ...opts.conversion, sentence: describeConversion(opts.conversion) } } : {}),
    },
    ...(opts.replaces ? { replaces: { ...opts.replaces, sentence: describeReplacement(opts.replaces) } } : {}),
    projected: projectResults({ dailyBudgetCents: plan.dailyBudgetCents, goal: opts.brief.goal }),
  };
}
