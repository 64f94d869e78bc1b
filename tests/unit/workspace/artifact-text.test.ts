import { describe, expect, it } from "vitest";
import { adImageId } from "@/server/workspace/ad-images";
import { artifactDetail, previewSummary } from "@/server/workspace/artifact-content";
import { artifactText, safeFilename } from "@/server/workspace/artifact-text";
import { isUuid } from "@/server/route-params";

describe("workspace artifact files", () => {
  it("names files safely for a Content-Disposition header and any file system", () => {
    expect(safeFilename("Ad copy: mornings", "txt")).toBe("ad-copy-mornings.txt");
    expect(safeFilename('Crème "brûlée"\r\nSet-Cookie: x', "txt")).toBe("creme-brulee-set-cookie-x.txt");
    expect(safeFilename("../../etc/passwd", "png")).toBe("etc-passwd.png");
    expect(safeFilename("ввод", "pdf")).toBe("artifact.pdf");
    expect(safeFilename("x".repeat(500), "txt")).toHaveLength(84);
  });

  it("reads ad copy leniently: the tool's shape as lists, anything else as its JSON", () => {
    const copy = artifactDetail("AD_COPY", { headlines: ["Bread by 8am"], primaryTexts: ["Baked at 5am."], extra: 1 });
    expect(copy).toEqual({ kind: "ad-copy", copy: { headlines: ["Bread by 8am"], primaryTexts: ["Baked at 5am."] } });
    expect(artifactText("Ad copy", copy)).toBe("Ad copy\n=======\n\nHeadlines\n1. Bread by 8am\n\nPrimary texts\n1. Baked at 5am.\n");
    const odd = artifactDetail("AD_COPY", { headlines: "not a list" });
    expect(odd).toEqual({ kind: "text", text: '{\n  "headlines": "not a list"\n}' });
    expect(previewSummary(odd)).toBe('{ "headlines": "not a list" }');
  });

  it("gives each deployed ad picture a stable UUID of its own", () => {
    const id = adImageId("c1", "ad-0-0");
    expect(isUuid(id)).toBe(true);
    expect(adImageId("c1", "ad-0-0")).toBe(id);
    expect(adImageId("c1", "ad-0-1")).not.toBe(id);
  });
});
