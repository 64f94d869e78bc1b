import { NonRetriableError, RetryAfterError } from "inngest";
import { inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { AD_IMAGE_HEIGHT, AD_IMAGE_WIDTH, readPngSize, renderAdImage } from "@/server/campaigns/deploy/ad-image";
import {
  classifyGraphError,
  DEFAULT_RATE_LIMIT_WAIT_MS,
  DeployBlockedError,
  RECONNECT_FACEBOOK_MESSAGE,
  toStepError,
} from "@/server/campaigns/deploy/graph-errors";
import { toGraphTargeting } from "@/server/campaigns/deploy/targeting";
import { GraphApiError } from "@/server/services/facebook/types";

const graphError = (code: number, extra: Partial<GraphApiError["details"]> = {}) =>
  new GraphApiError(`Graph said ${code}`, { httpStatus: 400, code, isTransient: false, ...extra });

describe("Graph error classes", () => {
  it.each([4, 17, 32, 613, 80000, 80004, 80014])("code %i is a rate limit", (code) => {
    expect(classifyGraphError(graphError(code).details)).toBe("rate-limit");
    expect(graphError(code).kind).toBe("rate-limit");
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
    expect(toStepError(graphError(100, { userMessage: "Budget too low" })).message).toBe("Budget too low");
  });

  it("an auth error (190/463) asks in plain words to reconnect Facebook, with no doubled Graph prefix", () => {
    const err = new GraphApiError("Graph API error 190/463: Error validating access token: Session has expired", {
      httpStatus: 400, code: 190, subcode: 463, isTransient: false,
    });
    expect(err.kind).toBe("auth");
    const mapped = toStepError(err) as DeployBlockedError;
    expect(mapped).toBeInstanceOf(NonRetriableError);
    expect(mapped.message).toBe(RECONNECT_FACEBOOK_MESSAGE);
    expect(mapped.message).toMatch(/Reconnect Facebook/);
    expect(mapped.details).toMatchObject({ code: 190, subcode: 463, kind: "auth" });
  });

  it("says Graph's error once: no 'Facebook error N: Graph API error N:' doubling", () => {
    const err = new GraphApiError("Graph API error 2: Service temporarily unavailable", { httpStatus: 500, code: 2, isTransient: true });
    expect(toStepError(err).message).toBe("Graph API error 2: Service temporarily unavailable");
    const throttled = toStepError(new GraphApiError("Graph API error 17: User request limit reached", { httpStatus: 400, code: 17, isTransient: true }));
    expect(throttled.message).toBe("Graph API error 17: User request limit reached");
    // No header said how long: the fallback wait.
    expect((throttled as RetryAfterError).retryAfter).toBe(String(DEFAULT_RATE_LIMIT_WAIT_MS / 1000));
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
