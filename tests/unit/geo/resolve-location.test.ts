import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { parseEnv } from "@/env";
import { toGraphTargeting } from "@/server/campaigns/deploy/targeting";
import type { Db } from "@/server/db/client";
import { resolveLocationFromData } from "@/server/geo/geo-target";
import { resolveBriefLocation } from "@/server/geo/resolve-location";
import { createAdPlatform, createSimulatedAdPlatform, type AdPlatform } from "@/server/services/facebook";
import { createGeoSearchFake } from "../../mocks/graph-geo-search";

const TOKEN = "EAAB-geo-token";
const fake = createGeoSearchFake({
  baseUrl: "http://graph.test",
  token: TOKEN,
  locations: [
    { key: "2735943", name: "Porto", type: "city", country_code: "PT", region: "Porto" },
    { key: "2267057", name: "Lisbon", type: "city", country_code: "PT", region: "Lisboa" },
    { key: "1790", name: "Porto District", type: "region", country_code: "PT" },
    { key: "3847", name: "Texas", type: "region", country_code: "US" },
    { key: "2733285", name: "Vila Nova de Gaia", type: "city", country_code: "PT", region: "Porto" },
  ],
});
const server = setupServer(fake.handler);
let graph: AdPlatform;

beforeAll(() => {
  server.listen({ onUnhandledRequest: "error" });
  const env = parseEnv({ FACEBOOK_APP_ID: "42", FACEBOOK_APP_SECRET: "secret", FACEBOOK_GRAPH_URL: "http://graph.test" });
  graph = createAdPlatform({ env, db: {} as Db });
});
afterEach(() => fake.searches.splice(0));
afterAll(() => server.close());

const targeting = (geo: { countries: string[]; regions?: never[] | object[]; cities?: object[] }) =>
  toGraphTargeting({ ...geo, ageMin: 25, ageMax: 54, interests: [] } as Parameters<typeof toGraphTargeting>[0]);

describe("brief location → Facebook geo-targeting", () => {
  it("finds cities through Graph's targeting search in real mode and sends their keys, not the whole country", async () => {
    const geo = await resolveBriefLocation({ platform: graph, accessToken: TOKEN, location: "Porto and Lisbon, Portugal" });
    expect(geo).toEqual({
      countries: ["PT"],
      regions: [],
      cities: [
        { key: "2735943", name: "Porto", countryCode: "PT" },
        { key: "2267057", name: "Lisbon", countryCode: "PT" },
      ],
    });
    expect(fake.searches.map((s) => [s.get("q"), s.get("location_types"), s.get("country_code")])).toEqual([
      ["Porto", '["city"]', "PT"],
      ["Lisbon", '["city"]', "PT"],
    ]);
    expect(targeting(geo!).geo_locations).toEqual({ cities: [{ key: "2735943" }, { key: "2267057" }] });
  });

  it("asks Graph about a town the package data does not know", async () => {
    const geo = await resolveBriefLocation({ platform: graph, accessToken: TOKEN, location: "Vila Nova de Gaia" });
    expect(geo?.cities).toEqual([{ key: "2733285", name: "Vila Nova de Gaia", countryCode: "PT" }]);
  });

  it("targets the whole country when Graph has no match for a city, never the US by default", async () => {
    const geo = await resolveBriefLocation({ platform: graph, accessToken: TOKEN, location: "Berlin" });
    expect(geo).toEqual({ countries: ["DE"], regions: [], cities: [] });
    expect(targeting(geo!).geo_locations).toEqual({ countries: ["DE"] });
  });

  it("reads countries in other languages and regions from package data in embedded mode", async () => {
    const simulated = createSimulatedAdPlatform({ db: {} as Db });
    expect(await resolveBriefLocation({ platform: simulated, location: "España y Portugal" })).toEqual({
      countries: ["ES", "PT"],
      regions: [],
      cities: [],
    });
    const texas = resolveLocationFromData("Texas, United States");
    expect(texas?.regions).toEqual([{ key: "region:US:Texas", name: "Texas", countryCode: "US" }]);
    expect(targeting(texas!).geo_locations).toEqual({ regions: [{ key: "region:US:Texas" }] });
    expect(fake.searches).toEqual([]);
  });
});
