import { NonRetriableError, RetryAfterError } from "inngest";
import { inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { AD_IMAGE_HEIGHT, AD_IMAGE_WIDTH, readPngSize, renderAdImage } from "@/server/campaigns/deploy/ad-image";
import { classifyGraphError, toStepError } from "@/server/campaigns/deploy/graph-errors";
import { toGraphTargeting } from "@/server/campaigns/deploy/targeting";
import { GraphApiError } from "@/server/services/facebook/types";

const graphError = (code: number, extra: Partial<GraphApiError["details"]> = {}) =>
  new GraphApiError(`Graph said ${code}`, { httpStatus: 400, code, isTransient: false, ...extra });

describe("Graph error classes", () => {
  it.each([4, 17, 32, 613, 80000, 80004, 80014])("code %i is a rate limit", (code) => {
    expect(classifyGraphError(graphError(code))).toBe("rate-limit");
  });

  it("a rate limit waits as long as Graph asked", () => {
    const err = toStepError(graphError(17, { retryAfterMs: 120_000 }));
    expect(err).toBeInstanceOf(RetryAfterError);
    // The SDK stores the delay in seconds.
    expect((err as RetryAfterError).retryAfter).toBe("120");
  });

  it("transient errors retry normally; permanent ones stop with Graph's user message", () => {
    const transient = toStepError(graphError(2, { isTransient: true, httpStatus: 500 }));
    expect(transient).not.toBeInstanceOf(NonRetriableError);
    expect(transient).not.toBeInstanceOf(RetryAfterError);
    for (const code of [100, 190, 200, 80015]) {
      expect(toStepError(graphError(code))).toBeInstanceOf(NonRetriableError);
    }
    expect(toStepError(graphError(190, { userMessage: "Session expired" })).message).toBe("Session expired");
  });
});

describe("ad image", () => {
  it("is a valid PNG of at least 1200×628, the same for the same text", () => {
    const png = renderAdImage("Fresh bread");
    expect(png.subarray(1, 4).toString("ascii")).toBe("PNG");
    expect(readPngSize(png)).toEqual({ width: AD_IMAGE_WIDTH, height: AD_IMAGE_HEIGHT });
    expect(AD_IMAGE_WIDTH).toBeGreaterThanOrEqual(1200);
    expect(AD_IMAGE_HEIGHT).toBeGreaterThanOrEqual(628);
    // IDAT decompresses to exactly one filter byte + RGB per row.
    const idatLength = png.readUInt32BE(33);
    const raw = inflateSync(png.subarray(41, 41 + idatLength));
    expect(raw.length).toBe((AD_IMAGE_WIDTH * 3 + 1) * AD_IMAGE_HEIGHT);
    expect(renderAdImage("Fresh bread").equals(png)).toBe(true);
    expect(renderAdImage("Other ad").equals(png)).toBe(false);
  });
});

describe("targeting", () => {
  it("sets Advantage+ audience explicitly off so approved ages stay limits", () => {
    expect(toGraphTargeting({ countries: ["US"], ageMin: 25, ageMax: 45, interests: ["x"] })).toEqual({
      geo_locations: { countries: ["US"] },
      age_min: 25,
      age_max: 45,
      targeting_automation: { advantage_audience: 0 },
    });
  });
});
