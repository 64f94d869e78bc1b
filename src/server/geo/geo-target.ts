import { findPlaces } from "./find-places";
import type { Place } from "./place-index";

/** One place Facebook can target below country level; `key` is Graph's geo key. */
export interface GeoArea {
  key: string;
  name: string;
  countryCode: string;
}

/** Where a plan's ads are shown: whole countries, and regions or cities inside them. */
export interface GeoTarget {
  /** Every country involved (ISO alpha-2), also those only partly targeted through a region or city. */
  countries: string[];
  regions: GeoArea[];
  cities: GeoArea[];
}

// Embedded mode has no Graph to ask, so areas get a stable key of our own that the simulated account accepts.
const embeddedKey = (p: Place) => `${p.kind}:${p.countryCode}:${p.name}`;

export function geoTargetFromPlaces(places: Place[], keyOf: (p: Place) => string = embeddedKey): GeoTarget {
  const area = (p: Place): GeoArea => ({ key: keyOf(p), name: p.name, countryCode: p.countryCode });
  return {
    countries: [...new Set(places.map((p) => p.countryCode))],
    regions: places.filter((p) => p.kind === "region").map(area),
    cities: places.filter((p) => p.kind === "city").map(area),
  };
}

/** The brief's location from package data alone (embedded mode), or null when no place is named. */
export function resolveLocationFromData(location: string): GeoTarget | null {
  const places = findPlaces(location);
  return places.length ? geoTargetFromPlaces(places) : null;
}

/**
 * Graph's geo_locations: a country that is only partly targeted is left out, because Facebook
 * refuses overlapping locations ("Portugal" and "Porto" together).
 */
export function toGraphGeoLocations(t: { countries: string[]; regions?: GeoArea[]; cities?: GeoArea[] }): Record<string, unknown> {
  const regions = t.regions ?? [];
  const cities = t.cities ?? [];
  const partly = new Set([...regions, ...cities].map((a) => a.countryCode));
  const countries = t.countries.filter((c) => !partly.has(c));
  return {
    ...(countries.length ? { countries } : {}),
    ...(regions.length ? { regions: regions.map((r) => ({ key: r.key })) } : {}),
    ...(cities.length ? { cities: cities.map((c) => ({ key: c.key })) } : {}),
  };
}
