import { createHash } from "node:crypto";
import { registerOfflineGenerator, type OfflineGeneratorInput } from "@/server/services/llm";
import type { BusinessFacts } from "./brief";
import { pageContent } from "./offline-content";
import { OFFLINE_LAYOUTS } from "./offline-layouts";
import { offlinePageTree } from "./offline-tree";
import { DESIGN_PURPOSE, factsFromMessage } from "./prompt";
import type { DesignProposal } from "./schema";

/** [primary, accent, ink, paper]: four families, picked by the business's name so a project keeps its colours. */
const PALETTES: { name: string; colours: [string, string, string, string] }[] = [
  { name: "Harbour", colours: ["#1f4e79", "#f2a541", "#16202a", "#f4f7fb"] },
  { name: "Orchard", colours: ["#2e6b3f", "#e4572e", "#1b2b1f", "#f6f8f1"] },
  { name: "Terracotta", colours: ["#b5522b", "#2a9d8f", "#2b1d16", "#fbf5ef"] },
  { name: "Plum", colours: ["#5b2a86", "#f7b801", "#1e1428", "#f8f5fb"] },
];

function paletteFor(name: string) {
  const n = createHash("sha256").update(name.toLowerCase()).digest()[0]!;
  return PALETTES[n % PALETTES.length]!;
}

/**
 * The offline model's design: the brief's own words in three really different layouts per page (a
 * bold hero, a split editorial, a minimal card grid). Same brief, same design, byte for byte.
 */
export function offlineDesign(facts: BusinessFacts): DesignProposal {
  const palette = paletteFor(facts.name);
  const tree = offlinePageTree(facts);
  return {
    style: {
      name: `${palette.name} for ${facts.name}`.slice(0, 80),
      palette: [...palette.colours],
      typography: ['"Helvetica Neue", Arial, sans-serif', "Georgia, serif", "Inter, system-ui, sans-serif"],
      notes: `Primary ${palette.colours[0]} for headers and buttons, accent ${palette.colours[1]} for highlights, ink ${palette.colours[2]} for text. Each preview tries a different voice: loud, editorial, calm.`,
    },
    pages: tree.map((page) => {
      const content = pageContent(facts, page);
      return {
        pageId: page.pageId,
        route: page.route,
        name: page.name,
        purpose: page.purpose.slice(0, 400),
        actions: page.actions,
        notes: page.notes,
        options: OFFLINE_LAYOUTS.map((layout) => ({ label: layout.label, html: layout.render({ facts, tree, page, content, palette: palette.colours }) })),
      };
    }),
  };
}

export function offlineDesignFromRequest(input: Pick<OfflineGeneratorInput, "lastUserMessage">): DesignProposal {
  return offlineDesign(factsFromMessage(input.lastUserMessage));
}

/** Idempotent: whoever proposes designs registers the stand-in, so the embedded demo needs no key. */
export function registerDesignGenerator(): void {
  registerOfflineGenerator(DESIGN_PURPOSE, offlineDesignFromRequest);
}
