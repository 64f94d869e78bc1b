import { z } from "zod";
import { registerOfflineGenerator } from "@/server/services/llm";

export const IMPROVEMENTS_PURPOSE = "agent-task-improvements";

/** One poorly rated piece of work, as the analysis sees it (no user ids, no secrets: what was asked and said). */
export interface PoorFeedback {
  id: string;
  rating: number;
  outcome: "SOLVED" | "PARTIAL" | "NOT_SOLVED" | "MADE_WORSE";
  comment: string | null;
  tags: string[];
  issueType: string | null;
  issueTitle: string;
}

export const patternsSchema = z.object({
  patterns: z
    .array(
      z.object({
        title: z.string().trim().min(3).max(120),
        pattern: z.string().trim().min(3).max(1000),
        recommendation: z.string().trim().min(3).max(1000),
        feedbackIds: z.array(z.string()).max(200),
      }),
    )
    .min(1)
    .max(3),
});
export type FoundPatterns = z.infer<typeof patternsSchema>;

// Words that say nothing about what went wrong.
const STOPWORDS = new Set(
  "about after again also because been before being could didn does doesn from have just like made make more much only other really should some than that their them then there these they this very want wanted were what when which while will with would your".split(" "),
);
const wordsOf = (text: string | null) => new Set((text ?? "").toLowerCase().match(/[a-z][a-z'-]{3,}/g)?.filter((w) => !STOPWORDS.has(w)) ?? []);

/** The most common value across items (each item counts once), if at least two items share it. */
function mostCommon(items: PoorFeedback[], valuesOf: (f: PoorFeedback) => Iterable<string>): { value: string; ids: string[] } | null {
  const seen = new Map<string, string[]>();
  for (const f of items) for (const v of new Set(valuesOf(f))) seen.set(v, [...(seen.get(v) ?? []), f.id]);
  // Ties go to the alphabetically first value so the same feedback always gives the same cards.
  const [best] = [...seen.entries()].filter(([, ids]) => ids.length >= 2).sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
  return best ? { value: best[0], ids: best[1] } : null;
}

/**
 * The deterministic analysis (offline model, and what a model's answer is compared against in tests):
 * the tag most often given, the word most often used in comments, and the issue type that fails most.
 */
export function findPatterns(agentType: string, items: PoorFeedback[]): FoundPatterns {
  const n = items.length;
  const patterns: FoundPatterns["patterns"] = [];
  const tag = mostCommon(items, (f) => f.tags.map((t) => t.toLowerCase()));
  if (tag) {
    patterns.push({
      title: `Tagged "${tag.value}"`,
      pattern: `${tag.ids.length} of ${n} poorly rated ${agentType} tasks were tagged "${tag.value}".`,
      recommendation: `Add a check for "${tag.value}" to the ${agentType} agent's instructions and review its last outputs with that tag.`,
      feedbackIds: tag.ids,
    });
  }
  const word = mostCommon(items, (f) => wordsOf(f.comment));
  if (word) {
    patterns.push({
      title: `Comments mention "${word.value}"`,
      pattern: `${word.ids.length} of ${n} comments on poorly rated ${agentType} work use the word "${word.value}".`,
      recommendation: `Read those comments together and give the ${agentType} agent an explicit rule about "${word.value}".`,
      feedbackIds: word.ids,
    });
  }
  const type = mostCommon(items, (f) => (f.issueType ? [f.issueType] : []));
  if (type) {
    patterns.push({
      title: `${type.value} tasks fail`,
      pattern: `${type.ids.length} of ${n} poorly rated ${agentType} tasks were ${type.value} issues.`,
      recommendation: `Route ${type.value} issues to a better-suited agent or give the ${agentType} agent a ${type.value} checklist.`,
      feedbackIds: type.ids,
    });
  }
  if (!patterns.length) {
    const outcomes = [...new Set(items.map((f) => f.outcome))].join(", ");
    patterns.push({
      title: "Poor ratings without a shared cause",
      pattern: `${n} poorly rated ${agentType} task(s) (${outcomes}) share no tag, comment word or issue type.`,
      recommendation: `Ask the owners for tags on their next ratings of the ${agentType} agent so a cause can be found.`,
      feedbackIds: items.map((f) => f.id),
    });
  }
  return { patterns };
}

/** The user message: the feedback inside a tag, as data the model is told not to follow. */
export function patternsMessage(agentType: string, items: PoorFeedback[]): string {
  return `<feedback>${JSON.stringify({ agentType, items })}</feedback>`;
}

registerOfflineGenerator(IMPROVEMENTS_PURPOSE, (input) => {
  const m = /<feedback>([\s\S]*)<\/feedback>/.exec(input.lastUserMessage);
  const payload = JSON.parse(m?.[1] ?? "{}") as { agentType?: string; items?: PoorFeedback[] };
  return findPatterns(payload.agentType ?? "agent", payload.items ?? []);
});
