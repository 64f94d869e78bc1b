import type { GenerationSpec } from "@/server/appgen/spec";
import type { DesignView } from "@/server/appgen/design/records";

/** One choice per page by construction: a proposed option, or the owner's own HTML. */
export type PageChoice = { kind: "option"; optionId: string } | { kind: "pasted"; html: string };
export type Choices = Record<string, PageChoice | undefined>;

export function chosenHtml(design: DesignView, pageId: string, choice: PageChoice | undefined): string | null {
  if (!choice) return null;
  if (choice.kind === "pasted") return choice.html.trim() ? choice.html : null;
  return design.pages.find((p) => p.pageId === pageId)?.options.find((o) => o.optionId === choice.optionId)?.html ?? null;
}

export function everyPageChosen(design: DesignView, choices: Choices): boolean {
  return design.pages.every((p) => chosenHtml(design, p.pageId, choices[p.pageId]) !== null);
}

/** The body of POST /api/appgen/jobs: the generation spec itself (src/server/appgen/spec.ts). */
export function specFrom(design: DesignView, choices: Choices, globalNotes: string): GenerationSpec {
  return {
    projectId: design.projectId,
    designId: design.id,
    brief: design.brief ?? { title: "", details: "", audience: "", goals: "" },
    style: design.style ?? { name: "", palette: [], typography: [], notes: "" },
    globalNotes,
    pages: design.pages.map((p) => {
      const choice = choices[p.pageId];
      return {
        pageId: p.pageId,
        route: p.route,
        name: p.name,
        // Where the page came from, so a job can be explained: which proposed option, or pasted by the owner.
        treeNode: { purpose: p.purpose, chosen: choice?.kind === "option" ? choice.optionId : "pasted" },
        selectedPreviewHtml: chosenHtml(design, p.pageId, choice) ?? "",
        actions: p.actions,
        notes: p.notes,
      };
    }),
  };
}
