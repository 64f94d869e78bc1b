import { http, HttpResponse } from "msw";

/**
 * Graph's targeting search (`GET /search?type=adgeolocation`) for msw, answering from a small
 * gazetteer in Graph's own response shape. Only the given token is accepted.
 */
export interface FakeGeoLocation {
  key: string;
  name: string;
  type: "country" | "region" | "city";
  country_code: string;
  region?: string;
}

export function createGeoSearchFake(opts: { baseUrl: string; token: string; locations: FakeGeoLocation[] }) {
  const searches: URLSearchParams[] = [];
  const handler = http.get(`${opts.baseUrl.replace(/\/$/, "")}/v26.0/search`, ({ request }) => {
    const url = new URL(request.url);
    if (request.headers.get("authorization") !== `Bearer ${opts.token}`) {
      return HttpResponse.json({ error: { message: "Invalid OAuth access token.", type: "OAuthException", code: 190 } }, { status: 400 });
    }
    if (url.searchParams.get("type") !== "adgeolocation") {
      return HttpResponse.json({ error: { message: "Unsupported search type", type: "GraphMethodException", code: 100 } }, { status: 400 });
    }
    searches.push(url.searchParams);
    const q = (url.searchParams.get("q") ?? "").toLowerCase();
    const types = JSON.parse(url.searchParams.get("location_types") ?? '["country","region","city"]') as string[];
    const country = url.searchParams.get("country_code");
    const data = opts.locations.filter(
      (l) => l.name.toLowerCase().startsWith(q) && types.includes(l.type) && (!country || l.country_code === country),
    );
    return HttpResponse.json({ data });
  });
  return { handler, searches };
}
