import { describe, expect, it, vi } from "vitest";
import { campaignMarkerPrefix, deployMarker, withMarker } from "@/server/campaigns/deploy/markers";
import { adoptOrCreate } from "@/server/campaigns/deploy/reconcile";
import type { AdPlatform, MarkedObject } from "@/server/services/facebook/types";

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

  it("creates when nothing carries the marker", async () => {
    const facebook = platform([]);
    const create = vi.fn(async () => "900");
    await expect(adoptOrCreate({ facebook, fb, kind: "adset", parentId: "1", marker: "[m]", create })).resolves.toEqual({ id: "900", created: true, adopted: false });
    expect(create).toHaveBeenCalledOnce();
  });

  it("adopts the oldest copy and deletes surplus ad sets so only one spends; never creates", async () => {
    const facebook = platform([{ id: "101", name: "a [m]" }, { id: "102", name: "a [m]" }]);
    const create = vi.fn(async () => "900");
    await expect(adoptOrCreate({ facebook, fb, kind: "adset", parentId: "1", marker: "[m]", create })).resolves.toEqual({ id: "101", created: true, adopted: true });
    expect(create).not.toHaveBeenCalled();
    expect(facebook.updateStatus).toHaveBeenCalledWith(fb, "102", "DELETED");
  });

  it("after creating, settles on the oldest copy when a racer created one too, deleting its own", async () => {
    const facebook = platform([]);
    vi.mocked(facebook.findMarkedObjects).mockResolvedValueOnce([]).mockResolvedValueOnce([{ id: "900", name: "a [m]" }, { id: "100", name: "a [m]" }]);
    const out = await adoptOrCreate({ facebook, fb, kind: "ad", parentId: "1", marker: "[m]", create: async () => "900" });
    expect(out).toEqual({ id: "100", created: true, adopted: true });
    expect(facebook.updateStatus).toHaveBeenCalledExactlyOnceWith(fb, "900", "DELETED");
  });

  it("leaves surplus images alone: they cannot be switched off and cost nothing", async () => {
    const facebook = platform([{ id: "h1", name: "x [m]" }, { id: "h2", name: "x [m]" }]);
    await adoptOrCreate({ facebook, fb, kind: "image", marker: "[m]", create: async () => "h9" });
    expect(facebook.updateStatus).not.toHaveBeenCalled();
  });
});
