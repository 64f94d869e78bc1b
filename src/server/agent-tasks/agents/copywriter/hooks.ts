import { z } from "zod";
import { HEADLINE_MAX, PRIMARY_TEXT_MAX } from "@/server/campaigns/plan-rules";
import { fitSentences, pickHeadline } from "@/server/campaigns/offline-copy";
import type { BriefFields } from "@/server/onboarding/brief-schema";
import { registerOfflineGenerator, type OfflineGeneratorInput } from "@/server/services/llm";
import { readFacts } from "../model";

export const COPYWRITER_PURPOSE = "agent-task-copywriter";

// Facebook's limits as the campaign plans enforce them: a longer headline or text is cut in the feed.
export const hooksSchema = z.object({
  hooks: z
    .array(z.object({ angle: z.string().min(1).max(80), headline: z.string().min(1).max(HEADLINE_MAX), primaryText: z.string().min(1).max(PRIMARY_TEXT_MAX) }))
    .min(1)
    .max(10),
});
export type Hook = z.infer<typeof hooksSchema>["hooks"][number];

export const COPYWRITER_SYSTEM = [
  "You are the agency's copywriter. Write the number of new ad hooks the task asks for, for the business in the brief,",
  "each with a short angle, a headline (at most 40 characters) and primary text (at most 125 characters).",
  "Do not repeat the existing hooks; take the task's theme (a sale, a season) into every hook. No claims the brief does not support.",
].join(" ");

export interface CopyFacts {
  brief: Pick<BriefFields, "businessDescription" | "product" | "targetAudience" | "uniqueSellingPoint" | "location">;
  theme: string;
  count: number;
  existingHeadlines: string[];
}

const WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10 };

/** "write five new hooks" → 5; a digit works too; 5 when the task names no number; never more than 10. */
export function requestedCount(text: string): number {
  const match = /\b(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)\b(?=[^.]*\b(hooks?|headlines?|ads?|variants?|versions?|ideas?)\b)/i.exec(text);
  const n = match ? (WORDS[match[1]!.toLowerCase()] ?? Number(match[1])) : 5;
  return Math.min(Math.max(n, 1), 10);
}

/** The theme the hooks carry: "for the summer sale" → "summer sale"; empty when the task names none. */
export function requestedTheme(text: string): string {
  return /\bfor (?:the |our |a |an )?([\w' -]{3,40}?)(?:[.,!?]|$)/i.exec(text)?.[1]?.trim() ?? "";
}

const ANGLES = ["Offer", "Urgency", "Benefit", "Social proof", "Local", "Question", "Routine", "Gift", "Quality", "First-timer"];

/** Deterministic hooks from the brief's own words, one angle each, every line within Facebook's limits. */
export function offlineHooks(f: CopyFacts): { hooks: Hook[] } {
  const { product, uniqueSellingPoint: usp, targetAudience: who, location } = f.brief;
  const theme = f.theme ? f.theme.replace(/^\w/, (c) => c.toUpperCase()) : "";
  const town = location.split(",")[0]!.trim();
  const lines: Record<string, [string[], string]> = {
    Offer: [theme ? [`${theme}: ${product}`, `${theme} is on`, product] : [`${product} today`, product], `${theme ? `${theme} is here. ` : ""}${product}. ${usp}.`],
    Urgency: [theme ? [`${theme} ends soon`, "Last days to join"] : ["Last days to join", "Don't miss out"], `Only a few days left${theme ? ` of the ${f.theme}` : ""}. ${product}: ${usp}.`],
    Benefit: [[usp, `${product}, made easy`], `${usp}. Made for ${who.toLowerCase()}.`],
    "Social proof": [[`${town}'s favourite ${product.split(" ")[0]}`, "Neighbours love it"], `Join the people in ${town} who already enjoy ${product.toLowerCase()}.`],
    Local: [[`Made in ${town}`, `Fresh in ${town}`], `${f.brief.businessDescription}. ${usp}.`],
    Question: [[`Tired of the usual?`, "Ready for better?"], `${who} deserve better. Try ${product.toLowerCase()}${theme ? ` this ${f.theme}` : ""}.`],
    Routine: [["Your new morning ritual", "Make it a habit"], `${usp}. One less thing to think about.`],
    Gift: [["A gift they'll taste", "Treat someone"], `Give ${product.toLowerCase()}${theme ? ` for the ${f.theme}` : ""}. ${usp}.`],
    Quality: [["No shortcuts, ever", "Quality you can taste"], `${product}. ${usp}. No shortcuts.`],
    "First-timer": [["Try it for the first time", "New here? Start today"], `First time? ${product}${theme ? ` at ${f.theme} prices` : ""}. ${usp}.`],
  };
  const taken = new Set(f.existingHeadlines.map((h) => h.toLowerCase()));
  const hooks = ANGLES.slice(0, f.count).map((angle) => {
    const [candidates, text] = lines[angle]!;
    const fresh = candidates.filter((c) => !taken.has(c.toLowerCase()));
    return { angle, headline: pickHeadline(fresh, product, HEADLINE_MAX), primaryText: fitSentences(text.replace(/\.\./g, "."), PRIMARY_TEXT_MAX) };
  });
  return { hooks };
}

export function registerCopywriterGenerator(): void {
  registerOfflineGenerator(COPYWRITER_PURPOSE, (input: OfflineGeneratorInput) => offlineHooks(readFacts<CopyFacts>(input.lastUserMessage)));
}
