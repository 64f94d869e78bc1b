import { describe, expect, it, vi } from "vitest";
import { campaignMarkerPrefix, deployMarker, withMarker } from "@/server/campaigns/deploy/markers";
import { adoptOrCreate } from "@/server/campaigns/deploy/reconcile";
import { GraphApiError, type AdPlatform, type MarkedObject } from "@/server/services/facebook/types";

const record = { id: "5b0c7a0e-2f4e-4d47-9d1b-2a4d3f0c9e11", version: 2 };
const fb = { accessToken: "t", adAccountId: "act_1" };

describe("deploy markers", () => {
  it("are deterministic per campaign record, plan version and object path", () => {
    expect(deployMarker(record, "adset-0")).toBe(deployMarker({ ...record }, "adset-0"));
    expect(deployMarker(record, "adset-0")).not.toBe(deployMarker({ ...record, version: 3 }, "adset-0"));
    expect(deployMarker(record, "adset-0")).not.toBe(deployMarker({ ...record, id: "another" }, "adset-0"));
    expect(deployMarker(record, "adset-0").startsWith(campaignMarkerPrefix(record))).toBe(true);
    // The closing bracket keeps one path from matching inside a longer one.
    expect(deployMarker(record, "adset-10").includes(deployMarker(record, "adset-1"))).toBe(false);
  });

  it("keep the human name first and stay within the name limit, cutting at a word", () => {
    const marker = deployMarker(record, "ad-0-0");
    expect(withMarker("Sourdough for busy parents", marker)).toBe(`Sourdough for busy parents ${marker}`);
    const long = withMarker("word ".repeat(100).trim(), marker);
    expect(long.length).toBeLessThanOrEqual(255);
    expect(long.endsWith(`word… ${marker}`)).toBe(true);
  });
});

describe("adoptOrCreate", () => {
  const platform = (found: MarkedObject[]) =>
    ({ findMarkedObjects: vi.fn(async () => found), updateStatus: vi.fn(async () => undefined) }) as unknown as AdPlatform & {
      updateStatus: ReturnType<typeof vi.fn>;
    };
  /** The record slot: empty (the candidate is stored and answered) or already holding a racer's id. */
  const slot = (held?: string) => vi.fn(async (id: string) => held ?? id);

  it("creates when nothing carries the marker and claims the new id", async () => {
    const facebook = platform([]);
    const create = vi.fn(async () => "900");
    const claim = slot();
    await expect(adoptOrCreate({ facebook, fb, kind: "adset", parentId: "1", marker: "[m]", create, claim })).resolves.toEqual({ id: "900", created: true, adopted: false });
    expect(create).toHaveBeenCalledOnce();
    expect(claim).toHaveBeenCalledExactlyOnceWith("900");
    expect(facebook.updateStatus).not.toHaveBeenCalled();
  });

  it("adopts the oldest copy and deletes surplus ad sets so only one spends; never creates", async () => {
    const facebook = platform([{ id: "102", name: "a [m]" }, { id: "101", name: "a [m]" }]);
    const create = vi.fn(async () => "900");
    const claim = slot();
    await expect(adoptOrCreate({ facebook, fb, kind: "adset", parentId: "1", marker: "[m]", create, claim })).resolves.toEqual({ id: "101", created: true, adopted: true });
    expect(create).not.toHaveBeenCalled();
    expect(claim).toHaveBeenCalledExactlyOnceWith("101");
    expect(facebook.updateStatus).toHaveBeenCalledExactlyOnceWith(fb, "102", "DELETED");
  });

  it("keeps the copy it claimed and deletes a racer's, even one whose id sorts first", async () => {
    const facebook = platform([]);
    vi.mocked(facebook.findMarkedObjects).mockResolvedValueOnce([]).mockResolvedValueOnce([{ id: "900", name: "a [m]" }, { id: "100", name: "a [m]" }]);
    const out = await adoptOrCreate({ facebook, fb, kind: "ad", parentId: "1", marker: "[m]", create: async () => "900", claim: slot() });
    expect(out).toEqual({ id: "900", created: true, adopted: false });
    expect(facebook.updateStatus).toHaveBeenCalledExactlyOnceWith(fb, "100", "DELETED");
  });

  it("when a racer claimed first, adopts its id and deletes its own copy even if the listing lags", async () => {
    const facebook = platform([]);
    vi.mocked(facebook.findMarkedObjects).mockResolvedValueOnce([]).mockResolvedValueOnce([{ id: "950", name: "a [m]" }]);
    const out = await adoptOrCreate({ facebook, fb, kind: "campaign", marker: "[m]", create: async () => "900", claim: slot("950") });
    expect(out).toEqual({ id: "950", created: true, adopted: true });
    expect(facebook.updateStatus).toHaveBeenCalledExactlyOnceWith(fb, "900", "DELETED");
  });

  it("takes a copy someone already deleted as deleted", async () => {
    const facebook = platform([]);
    vi.mocked(facebook.updateStatus).mockRejectedValueOnce(new GraphApiError("gone", { httpStatus: 400, code: 100, subcode: 33, isTransient: false }));
    await expect(adoptOrCreate({ facebook, fb, kind: "adset", marker: "[m]", create: async () => "900", claim: slot("950") })).resolves.toMatchObject({ id: "950" });
  });

  it("leaves surplus images alone: they cannot be switched off and cost nothing", async () => {
    const facebook = platform([{ id: "h1", name: "x [m]" }, { id: "h2", name: "x [m]" }]);
    await adoptOrCreate({ facebook, fb, kind: "image", marker: "[m]", create: async () => "h9", claim: slot("h2") });
    expect(facebook.updateStatus).not.toHaveBeenCalled();
  });
});
