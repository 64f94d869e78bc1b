import { registerOfflineGenerator, OFFLINE_LABEL, LlmOutputError, type ChatTurn, type LlmService, type UsageContext } from "@/server/services/llm";
import { z } from "zod";
import type { ReportFigures } from "@/server/db/schema";
import { formatReport, formatWeek } from "./format";
import { unsupportedNumbers } from "./summary-check";

export const SUMMARY_PURPOSE = "weekly-report-summary";

const summarySchema = z.object({ summary: z.string().min(1).max(1200) });

const SYSTEM = [
  "You write the weekly note a small business owner reads about their Facebook ads. They know nothing about marketing.",
  "Write 2 to 4 short sentences in plain words: how the week went, what changed from the week before, and one thing to expect or watch.",
  "Use only the figures you are given, written exactly as given (same currency sign, same rounding). Do not compute new numbers,",
  "do not write dates, and do not use any other digits. When a figure says 'no results' or 'first week', say so in words.",
  'Answer as JSON: {"summary": "..."}.',
].join(" ");

/** The figures as the model sees them: the card's own strings, one per line. */
function figuresMessage(figures: ReportFigures, week: number): string {
  const lines = formatReport(figures).map((m) => `- ${m.label}: ${m.value} (week before: ${m.previous ?? "none"}; trend: ${m.trend.text})`);
  return [`Week ${week} of the campaign (${formatWeek(figures)}).`, ...lines].join("\n");
}

/** The summary when the model's does not hold up: the same figures, said plainly, nothing else. */
export function templateSummary(figures: ReportFigures): string {
  const m = Object.fromEntries(formatReport(figures).map((x) => [x.metric, x]));
  const noun = m.results!.label.toLowerCase();
  const results =
    figures.current.results === 0
      ? `The ads brought no ${noun} this week.`
      : `The ads brought ${m.results!.value} ${noun} at ${m.costPerResult!.value} each.`;
  const trend = figures.previous ? ` Compared with the week before, spend is ${m.spend!.trend.text} and ${noun} are ${m.results!.trend.text}.` : " This is the first week, so there is nothing to compare with yet.";
  return `This week you spent ${m.spend!.value} and the ads reached ${m.reach!.value} people. ${results}${trend}`;
}

registerOfflineGenerator(SUMMARY_PURPOSE, (input) => {
  // The offline model answers from the lines it was sent, so its summary is true to them by construction.
  const lines = input.lastUserMessage.split("\n").filter((l) => l.startsWith("- "));
  const spend = /: (.+?) \(/.exec(lines[0] ?? "")?.[1] ?? "";
  return { summary: `${OFFLINE_LABEL} A steady week: the ads spent ${spend}. The full figures are below.` };
});

export interface WrittenSummary {
  summary: string;
  source: "model" | "template";
  /** Numbers the model stated that are not in the figures, per rejected attempt (for the run's output). */
  rejected: string[][];
}

/**
 * Asks the model for the summary and checks every number in it against the figures. A reply that
 * states a number not in them is sent back once with what was wrong; a second miss (or an answer
 * that is not the JSON asked for) gives the template. Network and server errors are thrown for the
 * step to retry.
 */
export async function writeReportSummary(llm: LlmService, opts: { figures: ReportFigures; week: number; usage: UsageContext }): Promise<WrittenSummary> {
  const messages: ChatTurn[] = [{ role: "user", content: figuresMessage(opts.figures, opts.week) }];
  const rejected: string[][] = [];
  for (const attempt of [1, 2]) {
    let summary: string;
    try {
      ({ summary } = (
        await llm.generateObject({
          purpose: SUMMARY_PURPOSE,
          schema: summarySchema,
          system: SYSTEM,
          messages,
          model: "chat",
          maxTokens: 400,
          usage: { ...opts.usage, dedupeKey: `${opts.usage.dedupeKey}:${attempt}` },
        })
      ).object);
    } catch (err) {
      if (!(err instanceof LlmOutputError)) throw err;
      rejected.push(["(not a summary)"]);
      continue;
    }
    const wrong = unsupportedNumbers(summary, opts.figures, opts.week);
    if (wrong.length === 0) return { summary: summary.trim(), source: "model", rejected };
    rejected.push(wrong);
    messages.push(
      { role: "assistant", content: JSON.stringify({ summary }) },
      { role: "user", content: `These numbers are not in the figures: ${wrong.join(", ")}. Write it again using only the figures given, exactly as written.` },
    );
  }
  return { summary: templateSummary(opts.figures), source: "template", rejected };
}
