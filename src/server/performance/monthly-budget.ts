import { addDays, daysBetween } from "./account-time";
import { campaignStartDate, type CampaignView } from "./campaign-view";
import { money } from "./plain-words";
import type { Detection } from "./types";

/** "Budget running low": the project's spend this month has reached this share of the brief's monthly budget. */
export const MONTHLY_BUDGET_LOW_PERCENT = 80;

/**
 * The project's month-to-date spend (its campaigns, this calendar month in the account's days) has
 * reached 80% of the brief's monthly budget. Facebook keeps spending at the daily budgets past the
 * month's total, so this is the owner's moment to decide. Posted once per campaign and month: the
 * detection's day is the month's first day (the alert key is campaign + condition + day).
 *
 * Data sufficiency: only for the current month, and only when every day from the month's start (or the
 * campaign's first day of spend, if later) to the snapshot day has a row; a missing day would
 * understate the total and a later pull would fill it.
 */
export function monthlyBudgetLow(view: CampaignView): Detection | null {
  const month = view.campaign.monthToDate;
  if (!month || month.monthlyBudgetCents <= 0) return null;
  const monthStart = `${view.snapshotDate.slice(0, 7)}-01`;
  if (view.today.slice(0, 7) !== view.snapshotDate.slice(0, 7)) return null;
  const started = campaignStartDate(view);
  if (!started) return null;
  const from = started > monthStart ? started : monthStart;
  const inMonth = month.dailySpend.filter((d) => d.date >= monthStart && d.date <= view.snapshotDate);
  const covered = new Set(inMonth.map((d) => d.date));
  for (let day = from; day <= view.snapshotDate; day = addDays(day, 1)) if (!covered.has(day)) return null;
  const spendCents = inMonth.reduce((s, d) => s + d.spendCents, 0);
  if (100 * spendCents < MONTHLY_BUDGET_LOW_PERCENT * month.monthlyBudgetCents) return null;
  const days = daysBetween(from, view.snapshotDate) + 1;
  const runsOutOn = runOutDay({ spendCents, budgetCents: month.monthlyBudgetCents, days, snapshotDate: view.snapshotDate });
  return {
    condition: "MONTHLY_BUDGET_LOW",
    day: monthStart,
    ...monthlyBudgetWords({ spendCents, budgetCents: month.monthlyBudgetCents, currency: view.campaign.currency, runsOutOn }),
    details: { monthStart, through: view.snapshotDate, spendCents, monthlyBudgetCents: month.monthlyBudgetCents, runsOutOn },
  };
}

/** At the month's average daily spend so far, the day the monthly budget is used up (null when it already is). */
function runOutDay(o: { spendCents: number; budgetCents: number; days: number; snapshotDate: string }): string | null {
  const left = o.budgetCents - o.spendCents;
  if (left <= 0) return null;
  const perDay = o.spendCents / o.days;
  return addDays(o.snapshotDate, Math.ceil(left / perDay));
}

function monthlyBudgetWords(o: { spendCents: number; budgetCents: number; currency: string; runsOutOn: string | null }) {
  const share = Math.floor((100 * o.spendCents) / o.budgetCents);
  const pace = o.runsOutOn
    ? `At this month's pace the rest is used up around ${longDay(o.runsOutOn)}.`
    : "The whole monthly budget is used up.";
  return {
    title: o.runsOutOn ? "This month's budget is running low" : "This month's budget is used up",
    message:
      `Your ads have spent ${money(o.spendCents, o.currency)} of the ${money(o.budgetCents, o.currency)} you set for the month (${share}%). ${pace} ` +
      "Facebook keeps spending the daily budget after that unless you change it: reply here if you want to lower the budget or pause until next month.",
  };
}

const longDay = (day: string) => new Date(`${day}T12:00:00Z`).toLocaleDateString("en-US", { month: "long", day: "numeric", timeZone: "UTC" });
