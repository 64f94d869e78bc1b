import { generationSpec } from "../../src/server/appgen/spec";

/** A generation spec of `pages` small pages (home at "/"), as /build would submit it. */
export function benchSpec(projectId: string, pages: number) {
  const html = (name: string) => `<!doctype html><html><head><title>${name}</title><style>h1{color:#8a3b12}</style></head><body><h1>${name}</h1><p>Fresh bread every morning.</p></body></html>`;
  return generationSpec.parse({
    projectId,
    brief: { title: "Bench Bakery", details: "A neighbourhood bakery" },
    pages: Array.from({ length: pages }, (_, i) => ({
      pageId: i === 0 ? "home" : `page-${i}`,
      route: i === 0 ? "/" : `/page-${i}`,
      name: i === 0 ? "Home" : `Page ${i}`,
      selectedPreviewHtml: html(i === 0 ? "Home" : `Page ${i}`),
    })),
  });
}
