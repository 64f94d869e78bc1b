import { OFFLINE_LABEL, registerOfflineGenerator, type OfflineGeneratorInput } from "@/server/services/llm";
import { BRIEF_MARKER, PLAN_PURPOSE } from "./plan-prompt";
import { floorToCurrency, formatMoney } from "./currency";
import { planDailyCap } from "./plan-rules";
import { OBJECTIVE_FOR_GOAL, type CampaignPlan, type PlanningBrief } from "./plan-schema";

type BriefFields = Omit<PlanningBrief, "id" | "version">;

const CTA_FOR_GOAL = { LEADS: "SIGN_UP", SALES: "SHOP_NOW", TRAFFIC: "LEARN_MORE", APP_INSTALLS: "INSTALL_MOBILE_APP" } as const;

// A few names the demo recognises; anything else is planned for the US and the card shows it.
const COUNTRY_NAMES: [RegExp, string][] = [
  [/united kingdom|\buk\b|england|london/i, "GB"],
  [/canada|toronto|vancouver/i, "CA"],
  [/australia|sydney|melbourne/i, "AU"],
  [/germany|berlin|munich/i, "DE"],
  [/france|paris/i, "FR"],
  [/ireland|dublin/i, "IE"],
];

export function countryFor(location: string): string {
  return COUNTRY_NAMES.find(([re]) => re.test(location))?.[1] ?? "US";
}

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`);

function readBrief(input: OfflineGeneratorInput): BriefFields {
  const first = input.messages.find((m) => m.role === "user" && m.content.startsWith(BRIEF_MARKER));
  if (!first) throw new Error("campaign-plan offline generator: no brief in the prompt");
  return JSON.parse(first.content.slice(BRIEF_MARKER.length).split("\n")[0]!) as BriefFields;
}

/** Ages like "30-50" or "aged 25 to 45"; a change request's are relayed as asked, for the rules to judge. */
function requestedAges(text: string): [number, number] | null {
  const m = /(\d{2})\s*(?:-|–|to)\s*(\d{2})/.exec(text);
  return m ? [Number(m[1]), Number(m[2])] : null;
}

/** Ages the owner gave when describing their audience, used only when Facebook allows them. */
function audienceAges(text: string): [number, number] | null {
  const ages = requestedAges(text);
  return ages && ages[0] >= 18 && ages[1] <= 65 && ages[0] < ages[1] ? ages : null;
}

/** A plausible, deterministic plan built from the brief alone, labelled as demo output. */
export function draftPlanFromBrief(brief: BriefFields, opts: { feedback?: string; pick: <T>(xs: readonly T[]) => T }): CampaignPlan {
  const cap = planDailyCap(brief);
  const daily = Math.max(100, floorToCurrency(Math.floor(cap * 0.9), brief.budgetCurrency));
  // A change request wins, then ages the owner gave for their audience, then a broad adult default.
  const ages = (opts.feedback && requestedAges(opts.feedback)) || audienceAges(brief.targetAudience) || [25, 54];
  const product = clip(brief.product, 28);
  const angle = opts.pick(["Made for you", "Try it today", "See why locals love it"] as const);
  return {
    objective: OBJECTIVE_FOR_GOAL[brief.goal],
    name: clip(`${product} — ${brief.goal.toLowerCase().replace("_", " ")}`, 120),
    dailyBudgetCents: daily,
    adSets: [
      {
        name: clip(`${brief.targetAudience} ${ages[0]}-${ages[1]}`, 120),
        targeting: { countries: [countryFor(brief.location)], ageMin: ages[0], ageMax: ages[1], interests: [] },
        ads: [
          {
            name: "Ad 1 — main benefit",
            headline: clip(`${product}: ${angle}`, 40),
            primaryText: clip(brief.uniqueSellingPoint, 125),
            cta: CTA_FOR_GOAL[brief.goal],
            imagePrompt: clip(`A bright, friendly photo of ${brief.product} for ${brief.targetAudience}`, 400),
          },
        ],
      },
    ],
    summary:
      `${OFFLINE_LABEL} One ad set shows one ad to ${brief.targetAudience} in ${brief.location}, spending about ` +
      `${formatMoney(daily, brief.budgetCurrency)} a day, below your monthly budget.` +
      (opts.feedback ? ` Changed as you asked: "${clip(opts.feedback, 200)}".` : ""),
  };
}

export function registerOfflinePlanGenerator(): void {
  registerOfflineGenerator(PLAN_PURPOSE, (input) => {
    const feedbackTurn = input.messages.find((m) => m.role === "user" && m.content.startsWith("Please change the plan: "));
    return draftPlanFromBrief(readBrief(input), {
      feedback: feedbackTurn?.content.slice("Please change the plan: ".length),
      pick: input.pick,
    });
  });
}
