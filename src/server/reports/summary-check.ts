import type { ReportFigures } from "@/server/db/schema";
import { formatReport } from "./format";

const NUMBER = /\d[\d,]*(?:\.\d+)?/g;
const toValue = (token: string) => Number(token.replace(/,/g, ""));
const numbersIn = (text: string) => [...text.matchAll(NUMBER)].map((m) => toValue(m[0]));

export function currencySymbol(currency: string): string {
  const parts = new Intl.NumberFormat("en-US", { style: "currency", currency }).formatToParts(1);
  return parts.find((p) => p.type === "currency")?.value ?? currency;
}

/**
 * The numbers a summary may state: the figures as formatted on the card (this week's and the week
 * before's), the trends' percentages, the week number and the seven days of a week. Money and
 * percentages are checked as such, so "$12" cannot borrow a count of 12 people.
 */
function allowed(figures: ReportFigures, week: number) {
  const metrics = formatReport(figures);
  const money = new Set<number>();
  const plain = new Set<number>([7, week]);
  const percent = new Set<number>();
  for (const m of metrics) {
    for (const shown of [m.value, m.previous]) {
      if (!shown) continue;
      const target = m.metric === "spend" || m.metric === "costPerResult" ? money : plain;
      numbersIn(shown).forEach((n) => target.add(n));
    }
    if (m.trend.percent !== null) percent.add(Math.abs(m.trend.percent));
  }
  return { money, plain, percent };
}

/** Every number the summary states that the figures do not hold, as written (empty: the summary is true to them). */
export function unsupportedNumbers(summary: string, figures: ReportFigures, week: number): string[] {
  const ok = allowed(figures, week);
  const symbol = currencySymbol(figures.currency);
  const wrong: string[] = [];
  for (const m of summary.matchAll(NUMBER)) {
    const at = m.index;
    const value = toValue(m[0]);
    const after = summary.slice(at + m[0].length);
    const isMoney = summary.slice(Math.max(0, at - symbol.length), at) === symbol || after.trimStart().startsWith(figures.currency);
    const isPercent = /^\s?(%|percent)/.test(after);
    const fits = isMoney ? ok.money.has(value) : isPercent ? ok.percent.has(value) : ok.plain.has(value) || ok.money.has(value);
    if (!fits) wrong.push(isMoney ? `${symbol}${m[0]}` : isPercent ? `${m[0]}%` : m[0]);
  }
  return wrong;
}
