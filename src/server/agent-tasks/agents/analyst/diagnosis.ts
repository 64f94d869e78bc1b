import { z } from "zod";
import { registerOfflineGenerator, type OfflineGeneratorInput } from "@/server/services/llm";
import { readFacts } from "../model";
import type { WeekOverWeek } from "./week-over-week";

export const ANALYST_PURPOSE = "agent-task-analyst";

export const diagnosisSchema = z.object({
  causes: z.array(z.string().min(1).max(400)).min(1).max(5),
  tryNext: z.array(z.string().min(1).max(400)).min(1).max(5),
});
export type Diagnosis = z.infer<typeof diagnosisSchema>;

export const ANALYST_SYSTEM = [
  "You are the agency's performance analyst. The facts are a campaign's real week-over-week figures.",
  "Explain the change the owner asks about from these numbers only: name the metric that moved and by how much.",
  "Give the likely causes (most likely first) and concrete things to try. Never invent numbers.",
].join(" ");

export interface AnalystFacts {
  campaign: string;
  figures: WeekOverWeek;
}

const up = (v: number | null | undefined, by = 10) => v !== null && v !== undefined && v >= by;
const down = (v: number | null | undefined, by = 10) => v !== null && v !== undefined && v <= -by;

/**
 * The offline analyst reads the same figures a model would and applies the usual decomposition:
 * cost per lead = CPM ÷ (CTR × click-to-lead), so whichever factor moved is the likely cause.
 */
export function offlineDiagnosis(facts: AnalystFacts): Diagnosis {
  const c = facts.figures.change;
  const causes: string[] = [];
  const tryNext: string[] = [];
  if (up(c.cpmCents)) {
    causes.push(`Reach got more expensive: CPM rose ${c.cpmCents}% week over week, so the same budget buys fewer impressions.`);
    tryNext.push("Widen the audience or add placements so the auction has cheaper impressions to choose from.");
  }
  if (down(c.ctrPercent)) {
    causes.push(`Fewer people click: CTR fell ${Math.abs(c.ctrPercent!)}%, the usual sign of ads tiring.`);
    tryNext.push("Rotate in fresh creative (new hooks and images) for the ads with the lowest CTR.");
  }
  if (up(c.frequency)) {
    causes.push(`The same people see the ads more often: frequency rose ${c.frequency}%.`);
    tryNext.push("Add a new audience or a lookalike so the ads reach people who have not seen them yet.");
  }
  if (down(c.clickToLeadPercent)) {
    causes.push(`Clicks turn into leads less often: click-to-lead fell ${Math.abs(c.clickToLeadPercent!)}%, which points at the landing page or the form.`);
    tryNext.push("Check the landing page loads fast and the form still works; shorten the form if it asks much.");
  }
  if (causes.length === 0) {
    causes.push(
      facts.figures.lastWeek
        ? "No single factor moved by more than 10%: the change is within normal week-to-week noise at this volume."
        : "There is only one week of data, so there is nothing to compare against yet.",
    );
    tryNext.push("Keep the campaign running unchanged for another week before acting on the numbers.");
  }
  return { causes, tryNext };
}

export function registerAnalystGenerator(): void {
  registerOfflineGenerator(ANALYST_PURPOSE, (input: OfflineGeneratorInput) => offlineDiagnosis(readFacts<AnalystFacts>(input.lastUserMessage)));
}
