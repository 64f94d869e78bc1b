import type { ChatTurn } from "@/server/services/llm/types";
import type { BriefFields, BriefGoal } from "./brief-schema";

/**
 * The offline demo model's "understanding": plain parsing of the conversation. Each scripted
 * question carries a marker phrase, so an answer is attributed to the question it follows; money,
 * URLs and explicit goals are recognised in any user message (the latest mention wins).
 */
export type Topic = keyof BriefFields;

export const QUESTIONS: { topics: Topic[]; marker: string; text: string }[] = [
  { topics: ["businessDescription"], marker: "what does your business do", text: "To start: what does your business do?" },
  { topics: ["product"], marker: "main product or service", text: "What's the main product or service you'd like to advertise?" },
  { topics: ["targetAudience"], marker: "who is it for", text: "Who is it for? Describe the kind of person who buys from you." },
  { topics: ["location"], marker: "where are those customers", text: "And where are those customers: a city, a region, or a whole country?" },
  {
    topics: ["goal", "monthlyBudgetCents"],
    marker: "what should the ads get you",
    text: "What should the ads get you: more sales, more leads (people getting in touch), more website visits, or app installs? And roughly how much would you like to spend a month?",
  },
  {
    topics: ["uniqueSellingPoint", "websiteUrl"],
    marker: "what makes you different",
    text: "Nearly done. What makes you different from others who sell something similar? And what's your website address?",
  },
];

const URL_RE = /\b((?:https?:\/\/)?(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?:\/[^\s,;)]*)?)/i;
const MONEY_RE = /\$\s?(\d[\d,]*(?:\.\d{1,2})?)\s*(k\b)?|(\d[\d,]*(?:\.\d{1,2})?)\s*(k\b)?\s*(?:dollars|usd|bucks)/i;
const PERIOD_RE = /\b(?:a|per|each|every|\/)\s*(day|week|month|mo)\b|\/(day|week|month|mo)\b|\b(daily|weekly|monthly)\b/i;
const EXPLICIT_GOAL_RE = /\bmore (sales|orders|leads|enquiries|inquiries|traffic|visits|visitors|installs|downloads)\b|\bapp installs?\b/i;

export function findWebsite(text: string): string | undefined {
  const match = text.match(URL_RE)?.[1]?.replace(/[.]+$/, "");
  if (!match || /@/.test(text.slice(Math.max(0, text.indexOf(match) - 1), text.indexOf(match)))) return undefined;
  return /^https?:\/\//i.test(match) ? match : `https://${match}`;
}

/** "$600 a month" → 60000; "$20 a day" → 60000; "1.5k dollars monthly" → 150000. */
export function findMonthlyBudgetCents(text: string, opts: { bareNumber?: boolean } = {}): number | undefined {
  const money = text.match(MONEY_RE);
  let amount: number | undefined;
  let thousands = false;
  if (money) {
    amount = Number((money[1] ?? money[3] ?? "").replace(/,/g, ""));
    thousands = Boolean(money[2] ?? money[4]);
  } else if (opts.bareNumber) {
    const bare = text.match(/\b(\d[\d,]*(?:\.\d{1,2})?)\s*(k\b)?/i);
    if (bare?.[1]) [amount, thousands] = [Number(bare[1].replace(/,/g, "")), Boolean(bare[2])];
  }
  if (amount === undefined || !Number.isFinite(amount)) return undefined;
  const period = (text.match(PERIOD_RE)?.slice(1).find(Boolean) ?? "month").toLowerCase();
  const perMonth = period.startsWith("da") ? 30 : period.startsWith("week") ? 52 / 12 : 1;
  return Math.round(amount * (thousands ? 1000 : 1) * perMonth * 100);
}

export function findGoal(text: string, opts: { loose?: boolean } = {}): BriefGoal | undefined {
  const explicit = text.match(EXPLICIT_GOAL_RE);
  const word = (explicit?.[1] ?? (explicit ? "installs" : opts.loose ? text : "")).toLowerCase();
  if (/install|download|\bapp\b/.test(word)) return "APP_INSTALLS";
  if (/lead|enquir|inquir|contact|touch|call|book|sign.?up|quote/.test(word)) return "LEADS";
  if (/traffic|visit|clicks?\b/.test(word)) return "TRAFFIC";
  if (/sale|order|sell|buy|purchase|revenue/.test(word)) return "SALES";
  return undefined;
}

function topicsAskedIn(assistantText: string): Topic[] {
  const lower = assistantText.toLowerCase();
  return QUESTIONS.filter((q) => lower.includes(q.marker)).flatMap((q) => q.topics);
}

/** Everything the user has told us, field by field. */
export function parseConversation(turns: ChatTurn[]): Partial<BriefFields> {
  const fields: Partial<BriefFields> = {};
  let asked: Topic[] = [];
  for (const turn of turns) {
    if (turn.role === "assistant") {
      asked = topicsAskedIn(turn.content);
      continue;
    }
    const text = turn.content.trim();
    const website = findWebsite(text);
    const budget = findMonthlyBudgetCents(text, { bareNumber: asked.includes("monthlyBudgetCents") });
    const goal = findGoal(text, { loose: asked.includes("goal") });
    if (website) fields.websiteUrl = website;
    if (budget !== undefined) fields.monthlyBudgetCents = budget;
    if (goal) fields.goal = goal;
    for (const topic of asked) {
      if (topic === "uniqueSellingPoint") {
        const rest = text.replace(URL_RE, "").replace(/\b(and )?(our|my|the) (website|site)( is| address is)?:?/gi, "").trim();
        if (rest.replace(/[^a-z]/gi, "").length >= 3) fields.uniqueSellingPoint = rest.replace(/[\s,.;:-]+$/, "");
      } else if (topic === "businessDescription" || topic === "product" || topic === "targetAudience" || topic === "location") {
        if (text.length >= 2) fields[topic] = text;
      }
    }
  }
  return fields;
}
