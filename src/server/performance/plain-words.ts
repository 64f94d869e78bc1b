import { currencyDigits, formatMoney } from "@/server/campaigns/currency";

/**
 * The few ways we put numbers to an owner who has never run ads: no "CTR", "ROAS" or "CPA", only
 * people, clicks and money in their own currency.
 */

const whole = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 });

export function count(n: number): string {
  return whole.format(n);
}

export function money(cents: number, currency: string): string {
  return formatMoney(Math.round(cents), currency);
}

/** The amount an owner thinks in: $1, €1, but ¥100 (one yen says nothing). */
function unitCents(currency: string): number {
  return currencyDigits(currency) === 0 ? 10_000 : 100;
}

/** "for every $1 spent you got back $3.40". */
export function returnPerUnit(opts: { valueCents: number; spendCents: number; currency: string }): string {
  const unit = unitCents(opts.currency);
  // Rounded down, so 1.4999× never reads as the "$1.50" a threshold was set at.
  const back = opts.spendCents > 0 ? Math.floor((opts.valueCents * unit) / opts.spendCents) : 0;
  return `for every ${money(unit, opts.currency)} spent you got back ${money(back, opts.currency)}`;
}

/** "about 2 in every 1,000 people who saw it clicked". */
export function clickRate(clicks: number, impressions: number): string {
  const perThousand = impressions > 0 ? (clicks / impressions) * 1000 : 0;
  const n = perThousand >= 10 ? whole.format(perThousand) : oneDecimal.format(perThousand);
  return `about ${n} in every 1,000 people who saw it clicked`;
}

/** "each person saw it about 3.4 times". */
export function timesSeen(impressions: number, reach: number): string {
  return `each person saw it about ${oneDecimal.format(reach > 0 ? impressions / reach : 0)} times`;
}

/** "$12.50 for each sale or sign-up". */
export function costPerResult(spendCents: number, conversions: number, currency: string): string {
  if (conversions === 0) return `${money(spendCents, currency)} spent with no sales or sign-ups yet`;
  return `${money(spendCents / conversions, currency)} for each sale or sign-up`;
}

export function percent(fraction: number): string {
  return `${whole.format(fraction * 100)}%`;
}
