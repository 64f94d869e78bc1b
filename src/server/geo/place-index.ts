import { cityMapping } from "city-timezones";
import countries from "i18n-iso-countries";

/**
 * Name → place lookups built once from package data: every country's name in every language
 * i18n-iso-countries ships, its ISO codes, and the cities and first-level regions of city-timezones.
 */
export type PlaceKind = "country" | "region" | "city";

export interface Place {
  kind: PlaceKind;
  /** English name for countries; the data's own name for regions and cities. */
  name: string;
  countryCode: string;
  population?: number;
  /** A city's first-level region, so "Austin, Texas" reads as one city rather than city plus state. */
  region?: string;
}

/** Lower case, no accents, so "España", "espana" and "ESPAÑA" meet. */
export const normalizeName = (text: string) =>
  text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/[’']/g, "'").trim();

interface PlaceIndex {
  countryByName: Map<string, string>;
  countryByCode: Map<string, string>;
  citiesByName: Map<string, Place[]>;
  regionsByName: Map<string, Place[]>;
  longestNameWords: number;
}

let index: PlaceIndex | undefined;

function add<T>(map: Map<string, T[]>, key: string, value: T) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function build(): PlaceIndex {
  const countryByName = new Map<string, string>();
  const countryByCode = new Map<string, string>();
  let longest = 1;
  for (const lang of countries.langs()) {
    for (const [code, names] of Object.entries(countries.getNames(lang, { select: "all" }))) {
      for (const name of names) {
        const key = normalizeName(name);
        // Two- and three-letter names are codes in disguise ("UK", "USA"): matched as codes below.
        if (key.length < 4 || countryByName.has(key)) continue;
        countryByName.set(key, code);
        longest = Math.max(longest, key.split(/\s+/).length);
      }
    }
  }
  for (const alpha2 of Object.keys(countries.getAlpha2Codes())) {
    countryByCode.set(alpha2, alpha2);
    const alpha3 = countries.alpha2ToAlpha3(alpha2);
    if (alpha3) countryByCode.set(alpha3, alpha2);
  }
  for (const [alias, code] of [["UK", "GB"], ["USA", "US"]] as const) countryByCode.set(alias, code);

  const citiesByName = new Map<string, Place[]>();
  const regionsByName = new Map<string, Place[]>();
  const seenRegions = new Set<string>();
  for (const c of cityMapping) {
    const city: Place = { kind: "city", name: c.city, countryCode: c.iso2, population: c.pop, region: c.province };
    for (const name of new Set([normalizeName(c.city), normalizeName(c.city_ascii)])) add(citiesByName, name, city);
    longest = Math.max(longest, normalizeName(c.city).split(/\s+/).length);
    const regionKey = `${c.iso2}:${c.province}`;
    if (c.province && !seenRegions.has(regionKey)) {
      seenRegions.add(regionKey);
      add(regionsByName, normalizeName(c.province), { kind: "region", name: c.province, countryCode: c.iso2 });
    }
  }
  return { countryByName, countryByCode, citiesByName, regionsByName, longestNameWords: Math.min(longest, 5) };
}

export function placeIndex(): PlaceIndex {
  return (index ??= build());
}

const regionNames = new Intl.DisplayNames(["en"], { type: "region" });

/** The short everyday English name ("United States", not "United States of America"). */
export function countryName(code: string): string {
  return regionNames.of(code) ?? countries.getName(code, "en") ?? code;
}

export const isCountryCode = (code: string) => countries.isValid(code);
