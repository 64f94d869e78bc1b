import { findPlaces } from "@/server/geo/find-places";
import { countryName, type Place } from "@/server/geo/place-index";
import type { ChatTurn } from "@/server/services/llm/types";
import type { BriefFields, BriefGoal } from "./brief-schema";
import { contentWords, CORRECTION_RE, LOCATION_CUE_RE, splitClauses } from "./extract/clauses";
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
const PRODUCT_RE = /\b(?:sell|sells|selling|make|makes|making|offer|offers|offering|bake|bakes|brew|brews|roast|roasts|design|designs|repair|repairs|fix|fixes)\s+(.{3,})/i;

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
  const budget = findBudget(rest, { bareNumber: asked.includes("monthlyBudgetCents") });
  if (budget) {
    state.budget = budget;
    state.currencyToken = budget.currencyToken ?? state.currencyToken;
    rest = /\d/.test(rest) ? "" : rest;
  }
  const looseGoal = !explicitGoal && !budget && asked.includes("goal") ? findGoal(rest, { loose: true }) : undefined;
  if (looseGoal) {
    fields.goal = looseGoal;
    rest = "";
  }
  const places = findPlaces(rest);
  if (places.length) {
    const withoutPlaces = places.reduce((text, p) => text.replace(p.name, " "), rest);
    const onlyPlaces = contentWords(withoutPlaces) < 2;
    const replace =
      onlyPlaces || asked.includes("location") || !fields.location || CORRECTION_RE.test(clause) || LOCATION_CUE_RE.test(clause);
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
  if (contentWords(rest) >= 2 || (ages && rest)) free.push(clause.trim());
}

/** Everything the user has told us, field by field. */
export function parseConversation(turns: ChatTurn[]): Partial<BriefFields> {
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
    const target =
      asked.find((t) => FREE_TEXT.includes(t)) ??
      FREE_TEXT.find((t) => fields[t] === undefined && !(t === "product" && fields.businessDescription === undefined));
    if (!target) continue;
    const text = free.join(". ").replace(/\s+/g, " ").trim();
    (fields as Record<string, unknown>)[target] = text;
    const product = target === "businessDescription" && !fields.product ? text.match(PRODUCT_RE)?.[1] : undefined;
    if (product) fields.product = product.replace(/\s+(?:in|for|to|across)\s+.*$/i, "").trim();
  }
  if (state.budget) {
    fields.monthlyBudgetCents = state.budget.monthlyBudgetCents;
    const country = state.places[0]?.countryCode;
    const currency = state.currencyToken
      ? currencyOf({ ...state.budget, currencyToken: state.currencyToken }, country)
      : country && currencyOfCountry(country);
    if (currency) fields.budgetCurrency = currency;
  }
  return fields;
}
