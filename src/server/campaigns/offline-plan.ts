import { findPlaces } from "@/server/geo/find-places";
import { geoTargetFromPlaces, resolveLocationFromData, type GeoTarget } from "@/server/geo/geo-target";
import { findBudget } from "@/server/onboarding/extract/money";
import { describePlaces } from "@/server/onboarding/parse-answers";
import { OFFLINE_LABEL, registerOfflineGenerator, type OfflineGeneratorInput } from "@/server/services/llm";
import { floorToCurrency, formatMoney } from "./currency";
import { fitSentences, fitWords, pickHeadline, shortProductName } from "./offline-copy";
import { BRIEF_MARKER, PLAN_PURPOSE } from "./plan-prompt";
import { HEADLINE_MAX, NAME_MAX, PRIMARY_TEXT_MAX, planDailyCap } from "./plan-rules";
import { OBJECTIVE_FOR_GOAL, campaignPlanSchema, type CampaignPlan, type PlanningBrief } from "./plan-schema";

type BriefFields = Omit<PlanningBrief, "id" | "version">;

const CTA_FOR_GOAL = { LEADS: "SIGN_UP", SALES: "SHOP_NOW", TRAFFIC: "LEARN_MORE", APP_INSTALLS: "INSTALL_MOBILE_APP" } as const;
const GOAL_WORDS = { LEADS: "new enquiries", SALES: "sales", TRAFFIC: "website visits", APP_INSTALLS: "app installs" } as const;
const CHANGE_PREFIX = "Please change the plan: ";

/** Where the brief says; a location no package knows is planned for the US, and the card shows it. */
export function geoFor(location: string): GeoTarget {
  return resolveLocationFromData(location) ?? { countries: ["US"], regions: [], cities: [] };
}

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

interface ChangeRequest {
  ages?: [number, number];
  geo?: GeoTarget;
  placesLabel?: string;
  dailyBudgetCents?: number;
}

/** What the demo model can act on in a change request: ages, places and a daily budget. */
function readChangeRequest(feedback: string | undefined, capCents: number): ChangeRequest {
  if (!feedback) return {};
  const places = findPlaces(feedback);
  const budget = findBudget(feedback);
  const daily = budget ? Math.round(budget.monthlyBudgetCents / 30) : undefined;
  return {
    ages: requestedAges(feedback) ?? undefined,
    ...(places.length ? { geo: geoTargetFromPlaces(places), placesLabel: describePlaces(places) } : {}),
    ...(daily && daily <= capCents ? { dailyBudgetCents: daily } : {}),
  };
}

/** A plausible, deterministic plan built from the brief alone, labelled as demo output. */
export function draftPlanFromBrief(
  brief: BriefFields,
  opts: { feedback?: string; previous?: CampaignPlan; pick: <T>(xs: readonly T[]) => T },
): CampaignPlan {
  const currency = brief.budgetCurrency ?? "USD";
  // The project-wide cap: what the budget allows minus what other live campaigns already spend.
  const cap = planDailyCap(brief);
  const change = readChangeRequest(opts.feedback, cap);
  // A change request wins, then ages the owner gave for their audience, then a broad adult default.
  const ages = change.ages ?? audienceAges(brief.targetAudience) ?? [25, 54];
  const geo = change.geo ?? geoFor(brief.location);
  const place = change.placesLabel ?? brief.location;
  const dailyBudgetCents = floorToCurrency(change.dailyBudgetCents ?? Math.max(100, Math.floor(cap * 0.9)), currency);
  const product = shortProductName(brief.product, 32);
  const angle = opts.pick(["made for you", "try it today", "see why locals love it"] as const);

  const plan: CampaignPlan = {
    objective: OBJECTIVE_FOR_GOAL[brief.goal],
    name: fitWords(`${product} in ${place}: more ${GOAL_WORDS[brief.goal]}`, NAME_MAX) ?? product,
    dailyBudgetCents,
    adSets: [
      {
        name: fitWords(`${brief.targetAudience.replace(/,?\s*aged \d{2}–\d{2}$/, "")}, ${ages[0]}–${ages[1]}`, NAME_MAX) ?? "Main audience",
        targeting: { countries: geo.countries, regions: geo.regions, cities: geo.cities, ageMin: ages[0], ageMax: ages[1], interests: [] },
        ads: [
          {
            name: "Ad 1: main benefit",
            headline: pickHeadline([`${product}: ${angle}`, `${product}, ${angle}`, product], brief.product, HEADLINE_MAX),
            primaryText: fitSentences(brief.uniqueSellingPoint, PRIMARY_TEXT_MAX),
            cta: CTA_FOR_GOAL[brief.goal],
            imagePrompt: fitWords(`A bright, friendly photo of ${brief.product} for ${brief.targetAudience}`, 400)!,
          },
          // A second angle from day one: the monitoring learns which one people click, and the weaker
          // can be paused without stopping the ad set.
          {
            name: "Ad 2: why people choose it",
            headline: pickHeadline([`Why locals choose ${product}`, `${product}: why people choose it`, `About ${product}`], brief.product, HEADLINE_MAX),
            primaryText: fitSentences(`${brief.product}. ${brief.uniqueSellingPoint}`, PRIMARY_TEXT_MAX),
            cta: CTA_FOR_GOAL[brief.goal],
            imagePrompt: fitWords(`A close-up of ${brief.product}, warm light, for ${brief.targetAudience}`, 400)!,
          },
        ],
      },
    ],
    summary:
      `${OFFLINE_LABEL} One ad set shows two ads (two angles, to learn which works) to ${brief.targetAudience} in ${place}, spending about ` +
      `${formatMoney(dailyBudgetCents, currency)} a day, below your monthly budget.`,
  };
  if (opts.feedback) {
    // Compare with the version the owner saw; without it, with what the brief alone would give.
    const previous = opts.previous ?? draftPlanFromBrief(brief, { pick: opts.pick });
    plan.summary += ` ${describeChanges(previous, plan, opts.feedback, currency)}`;
  }
  return plan;
}

/** Says exactly what changed since the previous version, or that nothing could be changed and why. */
export function describeChanges(previous: CampaignPlan, next: CampaignPlan, feedback: string, currency: string): string {
  const before = previous.adSets[0]?.targeting;
  const after = next.adSets[0]!.targeting;
  const changes: string[] = [];
  if (!before || before.ageMin !== after.ageMin || before.ageMax !== after.ageMax) changes.push(`ages are now ${after.ageMin}–${after.ageMax}`);
  const placesOf = (t: typeof after) => JSON.stringify([t.countries, t.regions ?? [], t.cities ?? []]);
  if (before && placesOf(before) !== placesOf(after)) {
    const names = [...(after.cities ?? []), ...(after.regions ?? [])].map((a) => a.name);
    changes.push(`the ads now run in ${names.length ? names.join(", ") : after.countries.join(", ")}`);
  }
  if (previous.dailyBudgetCents !== next.dailyBudgetCents) changes.push(`the budget is now ${formatMoney(next.dailyBudgetCents, currency)} a day`);
  if (changes.length) return `Changed as you asked: ${changes.join("; ")}.`;
  return (
    `Nothing changed: I couldn't act on "${fitWords(feedback, 120)}". This demo model can change the ages (for example "ages 30-50"), ` +
    `the places (for example "only Lisbon") or lower the daily budget; anything else needs the real model or an edit of the brief.`
  );
}

function readPrevious(input: OfflineGeneratorInput): CampaignPlan | undefined {
  const at = input.messages.findIndex((m) => m.role === "user" && m.content.startsWith(CHANGE_PREFIX));
  const turn = at > 0 ? input.messages[at - 1] : undefined;
  if (turn?.role !== "assistant") return undefined;
  try {
    const parsed = campaignPlanSchema.safeParse(JSON.parse(turn.content));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export function registerOfflinePlanGenerator(): void {
  registerOfflineGenerator(PLAN_PURPOSE, (input) => {
    const feedbackTurn = input.messages.find((m) => m.role === "user" && m.content.startsWith(CHANGE_PREFIX));
    return draftPlanFromBrief(readBrief(input), {
      feedback: feedbackTurn?.content.slice(CHANGE_PREFIX.length),
      previous: readPrevious(input),
      pick: input.pick,
    });
  });
}
