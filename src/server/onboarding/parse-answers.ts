import { findPlaces } from "@/server/geo/find-places";
import { countryName, type Place } from "@/server/geo/place-index";
import type { ChatTurn } from "@/server/services/llm/types";
import type { BriefFields, BriefGoal } from "./brief-schema";
import { contentWords, CORRECTION_RE, INSTRUCTION_RE, LOCATION_CUE_RE, splitClauses } from "./extract/clauses";
import { currencyOfCountry } from "./extract/currency";
import { currencyOf, findBudget, type BudgetMention } from "./extract/money";

/**
 * The offline demo model's "understanding": every user message is read for every fact (money with
 * currency and period, places, website, ages, goal) wherever it appears; what is left of a message
 * answers the question just asked, or else the first description still missing. Later mentions
 * correct earlier ones.
 */
export type Topic = keyof BriefFields;

export const QUESTIONS: { topic: Topic; marker: string; text: string }[] = [
  { topic: "businessDescription", marker: "what does your business do", text: "To start: what does your business do?" },
  { topic: "product", marker: "main product or service", text: "What's the main product or service you'd like to advertise?" },
  { topic: "targetAudience", marker: "who is it for", text: "Who is it for? Describe the kind of person who buys from you." },
  { topic: "location", marker: "where are those customers", text: "And where are those customers: a city, a region, or a whole country?" },
  {
    topic: "goal",
    marker: "what should the ads get you",
    text: "What should the ads get you: more sales, more leads (people getting in touch), more website visits, or app installs?",
  },
  { topic: "monthlyBudgetCents", marker: "how much would you like to spend", text: "Roughly how much would you like to spend, a day or a month?" },
  { topic: "uniqueSellingPoint", marker: "what makes you different", text: "Nearly done. What makes you different from others who sell something similar?" },
  { topic: "websiteUrl", marker: "website address", text: "What's your website address?" },
];

const FREE_TEXT: Topic[] = ["businessDescription", "product", "targetAudience", "uniqueSellingPoint"];
const URL_RE = /\b((?:https?:\/\/)?(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?:\/[^\s,;)]*)?)/gi;
const WEBSITE_WORDS_RE = /\b(?:and )?(?:our|my|the) (?:website|web ?site|site|shop|web address)(?: address)?(?: is| is at|:)?/gi;
const EXPLICIT_GOAL_RE =
  /\bmore (sales|orders|leads|enquiries|inquiries|bookings|calls|sign-?ups|traffic|visits|visitors|installs|downloads)\b|\bapp (?:installs?|downloads?)\b|\b(?:get|drive|want|need)\s+(?:more\s+)?(sales|leads|bookings|traffic|installs)\b/i;
const AGES_RE = /\b(?:aged?\s*)?(\d{2})\s*(?:-|–|to|and)\s*(\d{2})\b|\b(?:over|above|older than)\s+(\d{2})\b|\b(?:under|below|younger than)\s+(\d{2})\b/i;
const AUDIENCE_IN_TEXT_RE = /\b(?:to|for)\s+((?:[\p{L}'-]+\s+){0,4}(?:aged?\s*)?\d{2}\s*(?:-|–|to)\s*\d{2})/iu;
// What owners say when they describe what sets them apart; used only for text no question asked for.
const USP_CUE_RE = /\b(?:only|unlike|every|by hand|hand-?made|best|award|guarantee|lifetime|same-day|organic|since \d{4}|years of)\b/i;
const PRODUCT_RE =
  /\b(?:we|i|that|who|and)\s+(?:\w+ly\s+)?(?:sell|sells|make|makes|offer|offers|bake|bakes|brew|brews|roast|roasts|grow|grows)\s+(.{3,})/i;

export function findWebsite(text: string): string | undefined {
  for (const m of text.matchAll(URL_RE)) {
    if (text[m.index - 1] === "@") continue;
    const match = m[1]!.replace(/[.]+$/, "");
    return /^https?:\/\//i.test(match) ? match : `https://${match}`;
  }
  return undefined;
}

/** Kept for callers that only need the number: "$20 a day" → 60000. */
export function findMonthlyBudgetCents(text: string, opts: { bareNumber?: boolean } = {}): number | undefined {
  return findBudget(text, opts)?.monthlyBudgetCents;
}

export function findGoal(text: string, opts: { loose?: boolean } = {}): BriefGoal | undefined {
  const explicit = text.match(EXPLICIT_GOAL_RE);
  const word = (explicit ? explicit[0] : opts.loose ? text : "").toLowerCase();
  if (/install|download|\bapp\b/.test(word)) return "APP_INSTALLS";
  if (/lead|enquir|inquir|contact|touch|call|book|sign.?up|quote/.test(word)) return "LEADS";
  if (/traffic|visit|clicks?\b/.test(word)) return "TRAFFIC";
  if (/sale|order|sell|buy|purchase|revenue/.test(word)) return "SALES";
  return undefined;
}

/** "Porto and Lisbon, Portugal"; countries alone by their English names. */
export function describePlaces(places: Place[]): string {
  const local = places.filter((p) => p.kind !== "country").map((p) => p.name);
  const countries = [...new Set(places.map((p) => p.countryCode))].map(countryName);
  const join = (xs: string[]) => (xs.length > 1 ? `${xs.slice(0, -1).join(", ")} and ${xs.at(-1)}` : (xs[0] ?? ""));
  return local.length ? `${join(local)}, ${join(countries)}` : join(countries);
}

function topicsAskedIn(assistantText: string): Topic[] {
  const lower = assistantText.toLowerCase();
  return QUESTIONS.filter((q) => lower.includes(q.marker)).map((q) => q.topic);
}

function agesIn(text: string): string | undefined {
  const m = text.match(AGES_RE);
  if (!m) return undefined;
  if (m[1]) return `aged ${m[1]}–${m[2]}`;
  return m[3] ? `aged ${m[3]}–65` : `aged 18–${m[4]}`;
}

interface ParseState {
  fields: Partial<BriefFields>;
  budget?: BudgetMention;
  currencyToken?: string;
  places: Place[];
  /** Where the business itself is, offered when the customers' location is asked. */
  placeHint?: string;
}

function readClause(state: ParseState, clause: string, asked: Topic[], free: string[]) {
  const { fields } = state;
  let rest = clause;
  const website = findWebsite(rest);
  if (website) {
    fields.websiteUrl = website;
    rest = rest.replace(URL_RE, " ").replace(WEBSITE_WORDS_RE, " ");
  }
  const explicitGoal = findGoal(rest);
  if (explicitGoal) {
    fields.goal = explicitGoal;
    rest = rest.replace(EXPLICIT_GOAL_RE, " ");
  }
  // "Sales, $25 a day" answers the goal question without saying "more".
  const looseGoal = !explicitGoal && asked.includes("goal") ? findGoal(rest, { loose: true }) : undefined;
  if (looseGoal) fields.goal = looseGoal;
  const budget = findBudget(rest, { bareNumber: asked.includes("monthlyBudgetCents") });
  if (budget) {
    state.budget = budget;
    state.currencyToken = budget.currencyToken ?? state.currencyToken;
    rest = /\d/.test(rest) ? "" : rest;
  }
  if (looseGoal) rest = "";
  const places = findPlaces(rest);
  if (places.length) {
    const withoutPlaces = places.reduce((text, p) => text.replace(p.name, " "), rest);
    const onlyPlaces = contentWords(withoutPlaces) < 2;
    // "A bakery in Austin" says where the shop is, not where its customers are: a hint for the
    // location question. A country ("to men in the UK"), a cue word or a direct answer is the market.
    const market = places.some((p) => p.kind === "country") || LOCATION_CUE_RE.test(clause) || CORRECTION_RE.test(clause);
    const replace = onlyPlaces || asked.includes("location") || market;
    if (!replace && !fields.location) state.placeHint = describePlaces(places);
    if (replace) {
      const adding = /\b(?:also|too|as well)\b/i.test(clause);
      state.places = adding ? [...state.places, ...places] : places;
      fields.location = describePlaces(state.places);
    }
    if (onlyPlaces) rest = "";
  } else if (asked.includes("location") && contentWords(rest) >= 1) {
    fields.location = rest.trim();
    rest = "";
  }
  const ages = agesIn(clause);
  if (ages && fields.targetAudience && !asked.includes("targetAudience") && !fields.targetAudience.includes(ages)) {
    fields.targetAudience = `${fields.targetAudience.replace(/,?\s*aged \d{2}–\d{2}$/, "")}, ${ages}`;
    rest = "";
  }
  if (INSTRUCTION_RE.test(clause)) return;
  // A short answer ("Freelancers") is enough when a description was asked for; unasked text needs more.
  const enough = asked.some((t) => FREE_TEXT.includes(t)) ? 1 : 2;
  if (contentWords(rest) >= enough || (ages && rest)) free.push(clause.trim());
}

function fileText(fields: Partial<BriefFields>, topic: Topic, clauses: string[]) {
  const text = clauses.join(". ").replace(/\s+/g, " ").trim();
  (fields as Record<string, unknown>)[topic] = text;
  if (topic !== "businessDescription") return;
  // "We sell handmade wallets to men 30-50": the product and audience are in the description too.
  const product = fields.product ? undefined : text.match(PRODUCT_RE)?.[1];
  if (product) fields.product = product.replace(/\s+(?:online\s+)?(?:in|for|to|across)\s+.*$/i, "").trim();
  const audience = fields.targetAudience ? undefined : text.match(AUDIENCE_IN_TEXT_RE)?.[1];
  if (audience) fields.targetAudience = audience;
}

/** Text no question asked for: a description first, then what sounds like a selling point. */
function fileUnaskedText(fields: Partial<BriefFields>, clauses: string[]) {
  const description: string[] = [];
  const selling: string[] = [];
  for (const clause of clauses) {
    const describedAlready = fields.businessDescription !== undefined || description.length > 0;
    (describedAlready && USP_CUE_RE.test(clause) ? selling : description).push(clause);
  }
  if (description.length && !fields.businessDescription) fileText(fields, "businessDescription", description);
  if (selling.length && !fields.uniqueSellingPoint) fileText(fields, "uniqueSellingPoint", selling);
}

/** Everything the user has told us, field by field. */
export function parseConversation(turns: ChatTurn[]): Partial<BriefFields> {
  return readConversation(turns).fields;
}

export function readConversation(turns: ChatTurn[]): { fields: Partial<BriefFields>; placeHint?: string } {
  const state: ParseState = { fields: {}, places: [] };
  const { fields } = state;
  let asked: Topic[] = [];
  for (const turn of turns) {
    if (turn.role === "assistant") {
      asked = topicsAskedIn(turn.content);
      continue;
    }
    const free: string[] = [];
    for (const clause of splitClauses(turn.content)) readClause(state, clause, asked, free);
    if (free.length === 0) continue;
    const askedTopic = asked.find((t) => FREE_TEXT.includes(t));
    if (askedTopic) fileText(fields, askedTopic, free);
    else fileUnaskedText(fields, free);
  }
  if (state.budget) {
    fields.monthlyBudgetCents = state.budget.monthlyBudgetCents;
    const country = state.places[0]?.countryCode;
    const currency = state.currencyToken
      ? currencyOf({ ...state.budget, currencyToken: state.currencyToken }, country)
      : country && currencyOfCountry(country);
    if (currency) fields.budgetCurrency = currency;
  }
  return { fields, placeHint: fields.location ? undefined : state.placeHint };
}
