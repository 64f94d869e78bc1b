import type { Totals } from "./campaign-view";
import { clickRate, costPerResult, count, money, percent, returnPerUnit } from "./plain-words";

/**
 * The owner-facing words of each significant change: what happened, what it means, what the agency
 * will do. Short, and no advertising jargon.
 */

interface Words {
  title: string;
  message: string;
}

export function lowReturnWords(t: Totals, currency: string): Words {
  return {
    title: "Your ads are not paying for themselves yet",
    message:
      `Over the last 3 days the ads cost ${money(t.spendCents, currency)} and brought in ${money(t.valueCents, currency)}: ` +
      `${returnPerUnit({ valueCents: t.valueCents, spendCents: t.spendCents, currency })}. ` +
      `Below ${money(150, currency)} back for every ${money(100, currency)}, the ads are unlikely to cover their cost once your own costs are counted. ` +
      "We are pausing the ads that do worst and moving money to the ones that sell; if it does not improve we will ask you whether to pause the campaign.",
  };
}

export function lowClicksWords(t: Totals): Words {
  return {
    title: "Few people are clicking your ads",
    message:
      `Over the last 3 days your ads were shown ${count(t.impressions)} times and ${count(t.clicks)} people clicked (${clickRate(t.clicks, t.impressions)}). ` +
      "Ads usually get at least 5 clicks per 1,000 views, so the pictures or words are not catching people's eye yet. " +
      "We are pausing the ads people skip and keeping the ones they click; fresh images from you would help too.",
  };
}

export function pacingWords(o: { spendCents: number; budgetCents: number; currency: string; hour: number; minute: number }): Words {
  const time = `${String(o.hour).padStart(2, "0")}:${String(o.minute).padStart(2, "0")}`;
  return {
    title: "Most of today's budget is already spent",
    message:
      `By ${time} (your ad account's time) ${money(o.spendCents, o.currency)} of today's ${money(o.budgetCents, o.currency)} is spent ` +
      `(${percent(o.spendCents / o.budgetCents)}). Your ads will show less this afternoon and evening, and Facebook never spends much more than the daily budget. ` +
      "Nothing to do for you: we keep an eye on it, and if the ads are selling well we will suggest a higher budget.",
  };
}

export function standoutWords(o: { ad: Totals; campaign: Totals }): Words {
  return {
    title: "One ad is doing much better than the rest",
    message:
      `Over the last 3 days one ad was shown ${count(o.ad.impressions)} times and ${clickRate(o.ad.clicks, o.ad.impressions)}; ` +
      `across the whole campaign it is ${clickRate(o.campaign.clicks, o.campaign.impressions).replace("about ", "")}. ` +
      "People like what this ad shows. We keep it running and lean the budget towards the group of ads it is in.",
  };
}

export function weekWords(o: { week: number; t: Totals; currency: string }): Words {
  const weeks = o.week === 1 ? "a week" : `${o.week} weeks`;
  const result = o.t.conversions > 0 ? `, ${count(o.t.conversions)} sales or sign-ups (${costPerResult(o.t.spendCents, o.t.conversions, o.currency)})` : ", no sales or sign-ups yet";
  const back = o.t.valueCents > 0 ? ` All in all, ${returnPerUnit({ valueCents: o.t.valueCents, spendCents: o.t.spendCents, currency: o.currency })}.` : "";
  return {
    title: `Your campaign has been running for ${weeks}`,
    message:
      `This week: ${money(o.t.spendCents, o.currency)} spent, ${count(o.t.impressions)} views, ${count(o.t.clicks)} clicks${result}.${back} ` +
      "We are preparing your weekly report with what worked and what we changed.",
  };
}
