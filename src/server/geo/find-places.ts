import nlp from "compromise";
import { normalizeName, placeIndex, type Place } from "./place-index";

/**
 * Finds the places a person names in free text: countries by name (any language, any case) or ISO
 * code, cities and regions by name. City and region names must be written as names (capitalised),
 * so "nice candles" or "more sales" never become Nice or Sale.
 */
export function findPlaces(text: string): Place[] {
  const { countryByName, countryByCode, citiesByName, regionsByName, longestNameWords } = placeIndex();
  // "in Lisbon, not Porto": what the owner rules out is not a place to target.
  const kept = text.replace(/\b(?:not|except|excluding|instead of|rather than)\s+[^,.;!?]+/gi, " ");
  const words = [...kept.matchAll(/[\p{L}][\p{L}'’.-]*/gu)].map((m) => ({ raw: m[0].replace(/[.]+$/, ""), at: m.index }));
  const wholeAnswerIsCode = /^\s*[a-z]{2,3}\s*[.!]?\s*$/i.test(text);
  const found: Place[] = [];
  const countries = new Set<string>();
  // Countries named as a whole ("the rest of Portugal") versus as a city's qualifier ("Porto, Portugal").
  const wholeCountries = new Set<string>();
  let last: { kind: "country" | "area"; end: number } | undefined;

  for (let i = 0; i < words.length; ) {
    let matched = 0;
    for (let n = Math.min(longestNameWords, words.length - i); n >= 1 && !matched; n--) {
      const slice = words.slice(i, i + n);
      const phrase = slice.map((w) => w.raw).join(" ");
      const key = normalizeName(phrase);
      // A code counts in any case when it is the whole answer or follows "the" ("the uk"); else only in capitals.
      const afterThe = i > 0 && words[i - 1]!.raw.toLowerCase() === "the";
      const asCode = n === 1 && (phrase === phrase.toUpperCase() || wholeAnswerIsCode || afterThe);
      const code = asCode ? countryByCode.get(phrase.toUpperCase()) : undefined;
      const country = code ?? countryByName.get(key);
      const start = slice[0]!.at;
      const end = slice.at(-1)!.at + slice.at(-1)!.raw.length;
      if (country) {
        const qualifier = last?.kind === "area" && /^\s*,\s*$/.test(kept.slice(last.end, start));
        if (!qualifier) {
          found.push({ kind: "country", name: phrase, countryCode: country });
          wholeCountries.add(country);
        }
        countries.add(country);
        last = { kind: "country", end };
        matched = n;
        continue;
      }
      if (!looksLikeName(slice.map((w) => w.raw))) continue;
      const candidates = [...(citiesByName.get(key) ?? []), ...(regionsByName.get(key) ?? [])];
      if (candidates.length) {
        found.push(...candidates.map((c) => ({ ...c })).slice(0, 20));
        last = { kind: "area", end };
        matched = n;
      }
    }
    i += matched || 1;
  }
  // A country named as a whole covers its cities and regions; a region named beside one of its cities qualifies it.
  const picked = pickBestReadings(found, countries).filter((p) => p.kind === "country" || !wholeCountries.has(p.countryCode));
  const cityRegions = new Set(picked.filter((p) => p.kind === "city").map((p) => `${p.countryCode}:${p.region}`));
  return picked.filter((p) => p.kind !== "region" || !cityRegions.has(`${p.countryCode}:${p.name}`));
}

/** Capitalised, and not a plain English word that happens to start a sentence ("Reading is fun"). */
function looksLikeName(words: string[]): boolean {
  if (!words.every((w) => /^\p{Lu}/u.test(w))) return false;
  if (words.length > 1) return true;
  const tags = nlp(words[0]!.toLowerCase()).terms().json()[0]?.terms?.[0]?.tags ?? [];
  return !tags.some((t: string) => ["Adjective", "Verb", "Determiner", "Preposition", "Pronoun", "Adverb", "Conjunction"].includes(t));
}

/**
 * One reading per name: within a country the owner named, else the biggest city of that name. A
 * name that is both a city and a region is read as a region when another region was named too.
 */
function pickBestReadings(found: Place[], named: Set<string>): Place[] {
  const byName = new Map<string, Place[]>();
  for (const p of found) {
    const key = p.kind === "country" ? `country:${p.countryCode}` : normalizeName(p.name);
    byName.set(key, [...(byName.get(key) ?? []), p]);
  }
  const readings = [...byName.values()];
  const regionOnly = readings.some((r) => r.every((p) => p.kind === "region"));
  // "London, Ontario": a city whose own region was also named beats a bigger namesake elsewhere.
  const namedRegions = new Set(found.filter((p) => p.kind === "region").map((p) => `${p.countryCode}:${normalizeName(p.name)}`));
  const inNamedRegion = (p: Place) => p.kind === "city" && namedRegions.has(`${p.countryCode}:${normalizeName(p.region ?? "")}`);
  const result: Place[] = [];
  for (const options of readings) {
    if (options[0]!.kind === "country") {
      result.push(options[0]!);
      continue;
    }
    const inNamed = options.filter((p) => named.has(p.countryCode));
    const local = options.filter(inNamedRegion);
    const pool = local.length ? local : inNamed.length ? inNamed : options;
    const regions = pool.filter((p) => p.kind === "region");
    const cities = pool.filter((p) => p.kind === "city").sort((a, b) => (b.population ?? 0) - (a.population ?? 0));
    const qualifiesACity = regions.find((r) => found.some((c) => inNamedRegion(c) && c.region && normalizeName(c.region) === normalizeName(r.name)));
    const pick = qualifiesACity || (regionOnly && regions[0]) || cities[0] || regions[0];
    if (pick) result.push(pick);
  }
  return result;
}
