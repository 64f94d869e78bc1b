import type { Totals } from "@/server/performance/campaign-view";
import { clickRate, costPerResult, count, money, percent, returnPerUnit, timesSeen } from "@/server/performance/plain-words";

/**
 * What each rule tells the owner, in words they use: why the change (reason) and what it should do
 * (projected effect). Numbers come in, sentences go out; nothing here decides anything.
 */

interface Text {
  reason: string;
  projectedEffect: string;
}

export function lowCtrAdText(o: { clicks: number; impressions: number; dailySpendCents: number; currency: string }): Text {
  return {
    reason:
      `This ad was shown ${count(o.impressions)} times and only ${count(o.clicks)} people clicked it (${clickRate(o.clicks, o.impressions)}). ` +
      "Ads usually get at least 3 clicks per 1,000 views, so this one is not catching people's eye.",
    projectedEffect:
      o.dailySpendCents > 0
        ? `About ${money(o.dailySpendCents, o.currency)} a day goes to the ads in the same group that people do click.`
        : "The money goes to the ads in the same group that people do click.",
  };
}

export function shiftBudgetText(o: { amountCents: number; best: Totals; worst: Totals; currency: string }): Text {
  return {
    reason:
      `Over the last 3 days one group of ads cost ${costPerResult(o.best.spendCents, o.best.conversions, o.currency)}, ` +
      `another ${costPerResult(o.worst.spendCents, o.worst.conversions, o.currency)}.`,
    projectedEffect:
      `Moves ${money(o.amountCents, o.currency)} a day from the more expensive group to the cheaper one. ` +
      "Your total daily budget stays the same; the same money should bring more sales or sign-ups.",
  };
}

export function rotateCreativeText(o: { impressions: number; reach: number }): Text {
  return {
    reason: `Over the last 3 days ${timesSeen(o.impressions, o.reach)}. People stop noticing an ad they have seen that often.`,
    projectedEffect: "Pauses the tired ad and turns on another one from the same group that people have not seen as much. Spending stays the same.",
  };
}

export function fatigueNoticeText(o: { impressions: number; reach: number }): { title: string; message: string } {
  return {
    title: "Your ads are tiring: new images are needed",
    message:
      `Over the last 3 days ${timesSeen(o.impressions, o.reach)}, and there is no fresh ad in the same group to swap in. ` +
      "People stop noticing an ad they see too often. Send us new images or ideas and we will add them; until then the ad keeps running.",
  };
}

export function unprofitableText(o: { spendCents: number; valueCents: number; days: number; currency: string }): Text {
  return {
    reason:
      `Over the last ${o.days} days the campaign spent ${money(o.spendCents, o.currency)} and brought back ${money(o.valueCents, o.currency)}: ` +
      `${returnPerUnit({ valueCents: o.valueCents, spendCents: o.spendCents, currency: o.currency })}.`,
    projectedEffect: "Pausing stops the spending until we find what to change. Nothing is deleted; it can be turned back on at any time.",
  };
}

export function audienceText(o: { first: Totals; last: Totals }): Text {
  const drop = 1 - (o.last.clicks * o.first.impressions) / (o.first.clicks * o.last.impressions);
  return {
    reason:
      `The same people keep seeing these ads (over the last 3 days ${timesSeen(o.last.impressions, o.last.reach)}) ` +
      `and fewer of them click: ${percent(drop)} fewer clicks per view than in the first days.`,
    projectedEffect: "We would prepare a new plan that shows the ads to new people. You will see it before anything changes.",
  };
}

export function scaleWinnerText(o: { t: Totals; raiseCents: number; budgetCents: number; currency: string }): Text {
  return {
    reason:
      `Over the last 3 days ${returnPerUnit({ valueCents: o.t.valueCents, spendCents: o.t.spendCents, currency: o.currency })}, ` +
      "and the campaign used nearly all of its budget every day: the budget, not the ads, is what holds it back.",
    projectedEffect:
      `Raises the daily budget by ${money(o.raiseCents, o.currency)} (from ${money(o.budgetCents, o.currency)} to ` +
      `${money(o.budgetCents + o.raiseCents, o.currency)}) so more people see the ads that are working.`,
  };
}
