import currencyCodes from "currency-codes";
import getSymbolFromCurrency from "currency-symbol-map";
import { countryName } from "@/server/geo/place-index";

/**
 * Currency words, symbols and ISO 4217 codes, all from package data. A token can mean several
 * currencies ("$", "dollars"): the one of the owner's country wins, else the most widely used.
 */
// Everyday words the ISO names do not contain (irregular plurals, slang).
const COLLOQUIAL: Record<string, string> = { bucks: "dollar", quid: "pound", kroner: "krone", kronor: "krona", reais: "real" };

interface CurrencyTokens {
  byToken: Map<string, string[]>;
  /** Longest first, escaped, for one regex alternation. */
  pattern: string;
}

let tokens: CurrencyTokens | undefined;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function build(): CurrencyTokens {
  const byToken = new Map<string, string[]>();
  const add = (token: string, code: string) => {
    const key = token.toLowerCase();
    const list = byToken.get(key) ?? [];
    if (!list.includes(code)) byToken.set(key, [...list, code]);
  };
  for (const entry of currencyCodes.data) {
    add(entry.code, entry.code);
    for (const word of entry.currency.replace(/\(.*?\)/g, "").toLowerCase().split(/\s+/)) {
      if (word.length < 3) continue;
      add(word, entry.code);
      add(`${word}s`, entry.code);
    }
  }
  for (const code of currencyCodes.codes()) {
    const symbol = getSymbolFromCurrency(code);
    // Plain-ASCII letter "symbols" ("kr", "Ft") would match ordinary words; "zł" or "Kč" cannot.
    if (symbol && !/^[a-z.]+$/i.test(symbol)) add(symbol, code);
  }
  for (const [word, meaning] of Object.entries(COLLOQUIAL)) for (const code of byToken.get(meaning) ?? []) add(word, code);
  const pattern = [...byToken.keys()].sort((a, b) => b.length - a.length).map(escape).join("|");
  return { byToken, pattern };
}

export function currencyTokens(): CurrencyTokens {
  return (tokens ??= build());
}

const countryKey = (name: string) => name.replace(/\s*\(the\)\s*/i, "").toLowerCase();

/** Candidates in use in the owner's country first, then by how many countries use them. */
export function resolveCurrency(token: string, countryCode?: string): string | undefined {
  const candidates = currencyTokens().byToken.get(token.toLowerCase());
  if (!candidates?.length) return undefined;
  const usedIn = (code: string) => (currencyCodes.code(code)?.countries ?? []).map(countryKey);
  if (countryCode) {
    const home = countryKey(countryName(countryCode));
    const local = candidates.find((code) => usedIn(code).includes(home));
    if (local) return local;
  }
  return [...candidates].sort((a, b) => usedIn(b).length - usedIn(a).length)[0];
}

/** The currency of a country, when the owner names an amount without one ("50 a day" from Lisbon). */
export function currencyOfCountry(countryCode: string): string | undefined {
  const home = countryKey(countryName(countryCode));
  const used = currencyCodes.data.filter((e) => e.countries.map(countryKey).includes(home) && !/^X|^US[NS]$|^CH[EW]$|^BOV|^CLF|^COU|^MXV|^UY[IW]/.test(e.code));
  return used.length === 1 ? used[0]!.code : undefined;
}
