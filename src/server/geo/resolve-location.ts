import type { AdPlatform } from "@/server/services/facebook/types";
import { findPlaces } from "./find-places";
import { geoTargetFromPlaces, type GeoArea, type GeoTarget } from "./geo-target";

/**
 * Turns the brief's location into Facebook geo-targeting. Place names are read from package data;
 * with the real Graph API each city or region is then looked up through Graph's targeting search,
 * because only Facebook's own keys can be targeted. A place Graph does not know falls back to its
 * whole country rather than being dropped.
 */
export async function resolveBriefLocation(opts: {
  platform: AdPlatform;
  accessToken?: string;
  location: string;
}): Promise<GeoTarget | null> {
  const places = findPlaces(opts.location);
  if (opts.platform.kind === "simulated" || !opts.accessToken) return places.length ? geoTargetFromPlaces(places) : null;
  const token = opts.accessToken;

  const countries = new Set(places.map((p) => p.countryCode));
  const regions: GeoArea[] = [];
  const cities: GeoArea[] = [];
  for (const place of places.filter((p) => p.kind !== "country")) {
    const [match] = await opts.platform.searchGeoLocations(token, {
      query: place.name,
      types: [place.kind as "region" | "city"],
      countryCode: place.countryCode,
    });
    if (match) (match.type === "city" ? cities : regions).push({ key: match.key, name: match.name, countryCode: match.countryCode });
  }
  // A town the package data does not know may still be known to Facebook.
  if (regions.length === 0 && cities.length === 0 && !places.some((p) => p.kind === "country")) {
    const [match] = await opts.platform.searchGeoLocations(token, { query: opts.location, types: ["city", "region"] });
    if (match) {
      (match.type === "city" ? cities : regions).push({ key: match.key, name: match.name, countryCode: match.countryCode });
      countries.add(match.countryCode);
    }
  }
  if (countries.size === 0) return null;
  const covered = new Set([...regions, ...cities].map((a) => a.countryCode));
  const unresolved = places.filter((p) => p.kind !== "country" && !covered.has(p.countryCode));
  // Areas Graph could not find: target their whole country instead (toGraphGeoLocations keeps it).
  for (const p of unresolved) countries.add(p.countryCode);
  return { countries: [...countries], regions, cities };
}

/** The brief's places replace whatever places the planner wrote: the owner said where, not the model. */
export function applyGeoTarget<T extends { adSets: { targeting: { countries: string[]; regions?: GeoArea[]; cities?: GeoArea[] } }[] }>(
  plan: T,
  geo: GeoTarget | null | undefined,
): T {
  if (!geo) return plan;
  return {
    ...plan,
    adSets: plan.adSets.map((set) => ({
      ...set,
      targeting: { ...set.targeting, countries: geo.countries, regions: geo.regions, cities: geo.cities },
    })),
  };
}
