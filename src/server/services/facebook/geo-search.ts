import { z } from "zod";
import { findPlaces } from "@/server/geo/find-places";
import type { createGraphClient } from "./graph-client";

/** What Facebook can target for a place name: its geo key, kind and country. */
export interface GeoLocationMatch {
  key: string;
  name: string;
  type: "country" | "region" | "city";
  countryCode: string;
}

export interface GeoSearchQuery {
  query: string;
  types: GeoLocationMatch["type"][];
  /** Narrows the search to one country (ISO alpha-2). */
  countryCode?: string;
}

const matchBody = z.object({
  key: z.union([z.string(), z.number()]).transform(String),
  name: z.string(),
  type: z.string(),
  country_code: z.string().optional(),
});
const searchBody = z.object({ data: z.array(matchBody) });

/** Graph's targeting search (`GET /search?type=adgeolocation`); anything but the asked kinds is dropped. */
export async function searchGraphGeoLocations(
  request: ReturnType<typeof createGraphClient>,
  accessToken: string,
  q: GeoSearchQuery,
): Promise<GeoLocationMatch[]> {
  const body = await request({
    method: "GET",
    path: "search",
    accessToken,
    query: {
      type: "adgeolocation",
      q: q.query,
      location_types: JSON.stringify(q.types),
      ...(q.countryCode ? { country_code: q.countryCode } : {}),
      limit: "10",
    },
    schema: searchBody,
  });
  return body.data
    .filter((m): m is typeof m & { type: GeoLocationMatch["type"] } => (q.types as string[]).includes(m.type))
    .map((m) => ({ key: m.key, name: m.name, type: m.type, countryCode: m.country_code ?? "" }))
    .filter((m) => !q.countryCode || m.countryCode === q.countryCode);
}

/** The simulated account answers from the same package data the embedded mode plans with. */
export function searchSimulatedGeoLocations(q: GeoSearchQuery): GeoLocationMatch[] {
  return findPlaces(q.query)
    .filter((p) => q.types.includes(p.kind) && (!q.countryCode || p.countryCode === q.countryCode))
    .map((p) => ({ key: `${p.kind}:${p.countryCode}:${p.name}`, name: p.name, type: p.kind, countryCode: p.countryCode }));
}
