import { describe, expect, it } from "vitest";
import { everyPageChosen, specFrom, type Choices } from "@/components/appgen/choices";
import { stageStates } from "@/components/appgen/stages";
import { generationSpec } from "@/server/appgen/spec";
import { offlineDesign } from "@/server/appgen/design/offline";
import { designBriefOf, type BusinessFacts } from "@/server/appgen/design/brief";
import type { DesignView } from "@/server/appgen/design/records";

const facts: BusinessFacts = { name: "Bloom Florist", description: "A florist", offer: "Weekly flower boxes", audience: "Office managers", location: "Ghent", sellingPoint: "Cut the same morning", goal: "SALES", website: "https://bloom.example" };
const proposal = offlineDesign(facts);
const design: DesignView = {
  id: "8f0e6f5e-1b8c-4a8e-9d55-0f5a1c2b3d4e",
  projectId: "0c2f3a41-7d2b-4c1e-8a9f-1e2d3c4b5a69",
  status: "READY",
  brief: designBriefOf(facts),
  style: proposal.style,
  pages: proposal.pages.map((p) => ({ ...p, options: p.options.map((o, i) => ({ optionId: `${p.pageId}-${i + 1}`, ...o })) })),
  generator: "offline",
  error: null,
  createdAt: new Date(0).toISOString(),
};
const PASTED = "<!doctype html><html><head><style>b{}</style></head><body>Mine</body></html>";

describe("the /build choices", () => {
  it("is ready only when every page has a proposed option or non-blank pasted HTML", () => {
    const choices: Choices = Object.fromEntries(design.pages.map((p) => [p.pageId, { kind: "option" as const, optionId: `${p.pageId}-2` }]));
    expect(everyPageChosen(design, choices)).toBe(true);
    expect(everyPageChosen(design, { ...choices, home: undefined })).toBe(false);
    expect(everyPageChosen(design, { ...choices, home: { kind: "pasted", html: "   " } })).toBe(false);
    expect(everyPageChosen(design, { ...choices, home: { kind: "option", optionId: "about-1" } })).toBe(false);
  });

  it("makes a generation spec the jobs route accepts, carrying the chosen HTML and where it came from", () => {
    const choices: Choices = Object.fromEntries(design.pages.map((p) => [p.pageId, { kind: "option" as const, optionId: `${p.pageId}-3` }]));
    choices.contact = { kind: "pasted", html: PASTED };
    const spec = generationSpec.parse(specFrom(design, choices, "Keep it warm"));
    expect(spec.pages.map((p) => p.route)).toEqual(["/", "/pricing", "/about", "/contact"]);
    expect(spec.pages[0]!.selectedPreviewHtml).toBe(design.pages[0]!.options[2]!.html);
    expect(spec.pages[3]).toMatchObject({ selectedPreviewHtml: PASTED, treeNode: { chosen: "pasted" }, actions: ["contact"] });
    expect(spec).toMatchObject({ designId: design.id, projectId: design.projectId, globalNotes: "Keep it warm", brief: { title: "Bloom Florist" } });
  });
});

describe("the progress view's stages", () => {
  it("marks stages before the current one done, the current running (or failed), a fix round as validation", () => {
    expect(stageStates({ stage: "queued", status: "queued" })).toEqual(["pending", "pending", "pending", "pending", "pending"]);
    expect(stageStates({ stage: "pages", status: "running" })).toEqual(["done", "running", "pending", "pending", "pending"]);
    expect(stageStates({ stage: "fix", status: "fixing" })).toEqual(["done", "done", "done", "running", "pending"]);
    expect(stageStates({ stage: "integration", status: "failed" })).toEqual(["done", "done", "failed", "pending", "pending"]);
    expect(stageStates({ stage: "done", status: "completed" })).toEqual(["done", "done", "done", "done", "done"]);
  });
});
