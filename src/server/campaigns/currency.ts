/**
 * Money across currencies. Every amount we store is in hundredths of its currency's main unit
 * (`…Cents`, whatever the currency), so one arithmetic works everywhere; Facebook's own minor unit is
 * applied only at the Graph boundary (`toGraphAmount`).
 */

// Facebook's "offset 1" currencies: Graph takes whole units for these, even where ISO 4217 gives
// the currency two decimals (TWD, COP, CRC…). Every other currency uses offset 100.
const GRAPH_OFFSET_ONE = new Set(["CLP", "COP", "CRC", "HUF", "IDR", "ISK", "JPY", "KRW", "PYG", "TWD", "VND"]);

/**
 * Approximate mid-market rates, units per 1 EUR. A small committed table rather than a live feed, so
 * a plan is reproducible and the card can state the exact rate used; refresh the values and the date
 * together.
 */
export const RATES_AS_OF = "2026-11-30";
const UNITS_PER_EUR: Record<string, number> = {
  EUR: 1,
  USD: 1.16,
  GBP: 0.88,
  CHF: 0.93,
  CAD: 1.62,
  AUD: 1.78,
  NZD: 2.03,
  JPY: 178,
  KRW: 1690,
  SEK: 11.0,
  NOK: 11.7,
  DKK: 7.46,
  PLN: 4.24,
  CZK: 24.3,
  HUF: 385,
  BRL: 6.2,
  MXN: 21.3,
  INR: 102,
};

/** Whether Intl knows the code; a made-up code would otherwise throw deep inside formatting. */
export function isKnownCurrency(code: string): boolean {
  try {
    new Intl.NumberFormat("en-US", { style: "currency", currency: code });
    return /^[A-Z]{3}$/.test(code);
  } catch {
    return false;
  }
}

/** Decimals the currency is written with (JPY 0, USD 2, KWD 3), from Intl's CLDR data. */
export function currencyDigits(currency: string): number {
  return new Intl.NumberFormat("en-US", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** "€35.50", "¥1,000", "$20": the amount as the owner reads it, in the plan's own currency. */
export function formatMoney(cents: number, currency: string): string {
  const digits = Math.min(currencyDigits(currency), cents % 100 === 0 ? 0 : 2);
  return new Intl.NumberFormat("en-US", { style: "currency", currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(
    cents / 100,
  );
}

/**
 * Rounds hundredths down to what the currency can actually be spent in (whole yen, whole cents), so
 * a converted or split budget never ends above the cap it came from.
 */
export function floorToCurrency(cents: number, currency: string): number {
  const step = 10 ** Math.max(0, 2 - currencyDigits(currency));
  return Math.floor(cents / step) * step;
}

/** The integer Graph expects for `daily_budget` and friends, in the account currency's Facebook minor unit. */
export function toGraphAmount(cents: number, currency: string): number {
  return GRAPH_OFFSET_ONE.has(currency.toUpperCase()) ? Math.floor(cents / 100) : Math.floor(cents);
}

/** The inverse of `toGraphAmount`: an amount Graph reports (`daily_budget`) in hundredths of the main unit. */
export function fromGraphAmount(amount: number, currency: string): number {
  return GRAPH_OFFSET_ONE.has(currency.toUpperCase()) ? amount * 100 : amount;
}

export interface BudgetConversion {
  from: string;
  to: string;
  /** Units of `to` per one unit of `from`, rounded to 6 significant digits as stated to the owner. */
  rate: number;
  ratesAsOf: string;
  originalMonthlyCents: number;
  convertedMonthlyCents: number;
}

/** Units of `to` per unit of `from` from the committed table (6 significant digits), or null when unknown. */
export function exchangeRate(from: string, to: string): number | null {
  if (from === to) return 1;
  const f = UNITS_PER_EUR[from];
  const t = UNITS_PER_EUR[to];
  return f === undefined || t === undefined ? null : Number((t / f).toPrecision(6));
}

export function convertCents(opts: { cents: number; from: string; to: string }): number | null {
  const rate = exchangeRate(opts.from, opts.to);
  return rate === null ? null : floorToCurrency(Math.floor(opts.cents * rate), opts.to);
}

/** Converts a monthly budget with the committed table, or null when we have no rate (then we ask the owner). */
export function convertMonthlyBudget(opts: { cents: number; from: string; to: string }): BudgetConversion | null {
  const rate = exchangeRate(opts.from, opts.to);
  if (rate === null) return null;
  return {
    from: opts.from,
    to: opts.to,
    rate,
    ratesAsOf: RATES_AS_OF,
    originalMonthlyCents: opts.cents,
    convertedMonthlyCents: floorToCurrency(Math.floor(opts.cents * rate), opts.to),
  };
}

/** "1 USD = 0.862069 EUR (rates of 2026-11-30)": the sentence the card and the planner both show. */
export function describeConversion(c: BudgetConversion): string {
  return (
    `Your budget of ${formatMoney(c.originalMonthlyCents, c.from)}/month was converted to ` +
    `${formatMoney(c.convertedMonthlyCents, c.to)}/month, the ad account's currency, at 1 ${c.from} = ${c.rate} ${c.to} (rates of ${c.ratesAsOf}).`
  );
}
