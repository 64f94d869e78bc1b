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
  ads: { adSetName: string; name: string; headline: string; primaryText: string; cta: string; imagePrompt: string }[];
  budget: {
    dailyCents: number;
    perAdSetDailyCents: number;
    monthlyEstimateCents: number;
    briefMonthlyBudgetCents: number;
  };
  projected: ProjectedResults;
}

export function summarizeTargeting(t: CampaignPlan["adSets"][number]["targeting"]): string {
  const interests = t.interests.length ? `interested in ${t.interests.join(", ")}` : "broad interests";
  // Named places read better than codes: "Porto, Lisbon (PT)" rather than "PT".
  const areas = [...(t.regions ?? []), ...(t.cities ?? [])];
  const partly = new Set(areas.map((a) => a.countryCode));
  const places = [...areas.map((a) => `${a.name} (${a.countryCode})`), ...t.countries.filter((c) => !partly.has(c))];
  return `People aged ${t.ageMin}–${t.ageMax} in ${places.join(", ")}, ${interests}`;
}

/** Splits the daily budget evenly across ad sets, rounding down so the total never exceeds it. */
export const perAdSetBudget = (plan: Pick<CampaignPlan, "dailyBudgetCents" | "adSets">) =>
  Math.floor(plan.dailyBudgetCents / Math.max(1, plan.adSets.length));

export function buildApprovalCard(opts: {
  campaignId: string;
  version: number;
  plan: CampaignPlan;
  brief: Pick<PlanningBrief, "goal" | "monthlyBudgetCents">;
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
      })),
    ),
    budget: {
      dailyCents: plan.dailyBudgetCents,
      perAdSetDailyCents: perAdSetBudget(plan),
      monthlyEstimateCents: plan.dailyBudgetCents * 30,
      briefMonthlyBudgetCents: opts.brief.monthlyBudgetCents,
    },
    projected: projectResults({ dailyBudgetCents: plan.dailyBudgetCents, goal: opts.brief.goal }),
  };
}
