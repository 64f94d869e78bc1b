import { readFileSync } from "node:fs";
import path from "node:path";
import { generationSpec, type GenerationSpec } from "@/server/appgen/spec";

const fixture = (name: string) => readFileSync(path.resolve(import.meta.dirname, "../../../fixtures/appgen", name), "utf8");

/** A bakery's 3-page site: a clean landing document, a pasted fragment, and an ugly pasted old-school page. */
export function threePageSpec(): GenerationSpec {
  return generationSpec.parse({
    projectId: "project-1",
    brief: { title: "Crumb & Co", details: "Sourdough delivered by 8am in Austin.", audience: "Busy parents", goals: "Sign-ups for a first free loaf" },
    style: { name: "Warm bakery", palette: ["#8a4b2a", "#d9a066", "#fffaf3"], typography: ["Fraunces", "Inter"], notes: "" },
    pages: [
      { pageId: "home", route: "/", name: "Home", selectedPreviewHtml: fixture("landing.html"), actions: ["signup"] },
      { pageId: "pricing", route: "/pricing", name: "Pricing", selectedPreviewHtml: fixture("pricing-fragment.html"), actions: ["contact"] },
      { pageId: "about", route: "/about", name: "About us", selectedPreviewHtml: fixture("ugly-pasted.html"), actions: ["contact"] },
    ],
  });
}
