import { describe, expect, it } from "vitest";
import { findPlaces } from "@/server/geo/find-places";

const read = (text: string) => findPlaces(text).map((p) => `${p.kind}:${p.name}:${p.countryCode}`);

describe("places named in free text", () => {
  it.each([
    ["Deutschland", ["country:Deutschland:DE"]],
    ["ESPAÑA", ["country:ESPAÑA:ES"]],
    ["frankreich", ["country:frankreich:FR"]],
    ["pt", ["country:pt:PT"]],
    ["Mostly the US", ["country:US:US"]],
    ["we ship across the uk", ["country:uk:GB"]],
    ["Porto, Portugal", ["city:Porto:PT"]],
    ["Porto and the rest of Portugal", ["country:Portugal:PT"]],
    ["London, Ontario", ["city:London:CA"]],
    ["Austin, Texas", ["city:Austin:US"]],
    ["Oregon and Washington", ["region:Oregon:US", "region:Washington:US"]],
    ["in Lisbon, not Porto", ["city:Lisbon:PT"]],
  ])("%s", (text, expected) => {
    expect(read(text)).toEqual(expected);
  });

  it("does not read ordinary words as places", () => {
    expect(read("We sell nice candles, more sales please")).toEqual([]);
    expect(read("it is in my shop, so we do it")).toEqual([]);
  });
});
