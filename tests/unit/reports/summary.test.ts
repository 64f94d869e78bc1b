import { describe, expect, it } from "vitest";
import { z } from "zod";
import { computeReportFigures } from "@/server/reports/figures";
import { unsupportedNumbers } from "@/server/reports/summary-check";
import { templateSummary, writeReportSummary } from "@/server/reports/summary";
import type { LlmService } from "@/server/services/llm";
import { PREVIOUS_WEEK, REPORT_WEEK, WEEK_ENDING } from "../../support/report-fixture";

const figures = computeReportFigures({ rows: [...PREVIOUS_WEEK, ...REPORT_WEEK], weekEnding: WEEK_ENDING, currency: "USD", resultLabel: "leads" });
const usage = { organizationId: "org", runId: "run", dedupeKey: "report", feature: "weekly-report" as const };

/** A model that answers each call with the next reply in turn, and records what it was asked. */
function scriptedLlm(replies: unknown[]) {
  const calls: { messages: { role: string; content: string }[] }[] = [];
  const llm: LlmService = {
    kind: "anthropic",
    async generateObject(req) {
      calls.push({ messages: req.messages.map((m) => ({ ...m })) });
      const object = (req.schema as z.ZodType).parse(replies[calls.length - 1]);
      return { object: object as never, usage: { model: "m", inputTokens: 0, outputTokens: 0, costMicroUsd: 0 } };
    },
    streamText: () => Promise.reject(new Error("not used")),
    chooseTools: () => Promise.reject(new Error("not used")),
    streamToolAnswer: () => Promise.reject(new Error("not used")),
  };
  return { llm, calls };
}

describe("summary number check", () => {
  it("accepts the card's figures as written and names every other number", () => {
    expect(unsupportedNumbers("You spent $105 (up 50%) and reached 1,200 people; 7 leads at $15 each, 1.43x back.", figures, 1)).toEqual([]);
    expect(unsupportedNumbers("You spent $110 and got 9 leads, up 40%.", figures, 1)).toEqual(["$110", "9", "40%"]);
    // A true count is not a true amount: there were 7 leads, not $7.
    expect(unsupportedNumbers("Each lead cost $7.", figures, 1)).toEqual(["$7"]);
    // An amount written with the code is still an amount; other capitals after a number are not money.
    expect(unsupportedNumbers("Spend was 105 USD, then 7 USD per lead; 7 ADS ran.", figures, 1)).toEqual(["$7"]);
  });

  it("the template states only the figures", () => {
    const text = templateSummary(figures);
    expect(text).toContain("$105");
    expect(unsupportedNumbers(text, figures, 1)).toEqual([]);
    const none = computeReportFigures({ rows: PREVIOUS_WEEK, weekEnding: "2026-11-22", currency: "USD", resultLabel: "leads" });
    expect(templateSummary(none)).toContain("no leads");
    expect(unsupportedNumbers(templateSummary(none), none, 1)).toEqual([]);
  });

  it("a reply with a wrong number is sent back once; a correct second reply is kept", async () => {
    const { llm, calls } = scriptedLlm([{ summary: "You spent $150 this week." }, { summary: "You spent $105, up 50% on the week before." }]);
    const out = await writeReportSummary(llm, { figures, week: 1, usage });
    expect(out).toEqual({ summary: "You spent $105, up 50% on the week before.", source: "model", rejected: [["$150"]] });
    expect(calls[1]!.messages.at(-1)!.content).toContain("$150");
  });

  it("two wrong replies give the template", async () => {
    const { llm, calls } = scriptedLlm([{ summary: "You got 12 leads." }, { summary: "You got 11 leads." }]);
    const out = await writeReportSummary(llm, { figures, week: 1, usage });
    expect(calls).toHaveLength(2);
    expect(out).toEqual({ summary: templateSummary(figures), source: "template", rejected: [["12"], ["11"]] });
  });

});
