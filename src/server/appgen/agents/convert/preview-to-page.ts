import { parse, type HTMLElement } from "node-html-parser";
import type { PageSpec } from "../../spec";
import { scopeCss } from "./css";
import { styleAttribute } from "./jsx-attributes";
import type { WriteContext } from "./context";
import { writeChildren } from "./jsx-writer";
import { componentName, jsxAttribute, literal, templateLiteral } from "./jsx-text";

/**
 * The offline page agent's work: a chosen preview (a full pasted document or a fragment) turned into
 * the page's `page.tsx`, deterministically. The markup becomes JSX element by element, so the page is
 * real, editable React and not an HTML blob; scripts, embeds and handlers are left out; its CSS is kept,
 * scoped to the page; its links to other pages become `Link`s and its forms post to the app's actions.
 */

export interface PageConversion {
  source: string;
  /** What was left out or changed, for the agent's summary ("dropped 2 <script>"). */
  notes: string[];
}

export interface ConvertInput {
  page: Pick<PageSpec, "pageId" | "name" | "selectedPreviewHtml" | "actions">;
  /** Every route in the spec. */
  routes: readonly string[];
  /** Every action in the spec (the integration agent writes a route for each). */
  actions: readonly string[];
}

export const pageScopeClass = (pageId: string) => `page-scope-${pageId}`;

/** Forms post to `data-action` when it names a spec action, else to the page's actions in order. */
function chooseFormAction(page: ConvertInput["page"], all: ReadonlySet<string>) {
  let forms = 0;
  return (form: HTMLElement): string | null => {
    const declared = form.getAttribute("data-action")?.trim().toLowerCase();
    if (declared && all.has(declared)) return declared;
    if (page.actions.length === 0) return null;
    const hint = ["id", "name", "class", "action"].map((a) => form.getAttribute(a) ?? "").join(" ").toLowerCase();
    const chosen = page.actions.find((a) => hint.includes(a)) ?? page.actions[Math.min(forms, page.actions.length - 1)]!;
    forms += 1;
    return chosen;
  };
}

function documentMetadata(root: HTMLElement, fallbackTitle: string) {
  const title = root.querySelectorAll("title").find((t) => !t.closest("svg"))?.text.trim();
  const description = root.querySelector('meta[name="description"]')?.getAttribute("content")?.trim();
  const entries = [`title: ${literal(title || fallbackTitle)}`, ...(description ? [`description: ${literal(description)}`] : [])];
  return `export const metadata: Metadata = { ${entries.join(", ")} };`;
}


function wrapperAttributes(body: HTMLElement | null, scopeClass: string, ctx: WriteContext): string {
  const classes = [scopeClass, ...(body?.getAttribute("class") ?? "").split(/\s+/).filter(Boolean)];
  const attrs = [jsxAttribute("className", classes.join(" "))];
  const style = styleAttribute(body?.getAttribute("style") ?? "", ctx);
  if (style) attrs.push(style);
  return attrs.join(" ");
}

export function previewToPage(input: ConvertInput): PageConversion {
  const { page } = input;
  const root = parse(input.page.selectedPreviewHtml, {
    comment: false,
    lowerCaseTagName: false,
    // Raw text: style and textarea keep theirs, script and noscript lose it (they are dropped anyway).
    blockTextElements: { style: true, textarea: true, script: false, noscript: false },
  });
  const ctx: WriteContext = {
    routes: new Set(input.routes),
    formAction: chooseFormAction(page, new Set(input.actions)),
    uses: { link: false, cssProperties: false },
    css: [],
    fontImports: [],
    dropped: new Map(),
  };
  const scopeClass = pageScopeClass(page.pageId);
  const children = writeChildren(root, { tag: "div", svg: false, pre: false, depth: 3 }, ctx);
  const wrapper = wrapperAttributes(root.querySelector("body"), scopeClass, ctx);

  const notes: string[] = [];
  const scoped = ctx.css.length ? scopeCss(ctx.css.join("\n"), scopeClass) : "";
  if (scoped === null) notes.push("left out CSS that did not parse");
  const css = [...ctx.fontImports.map((href) => `@import url(${literal(href)});`), scoped ?? ""].filter(Boolean).join("\n");
  for (const [what, count] of ctx.dropped) if (what !== "<title>" && what !== "<meta>") notes.push(`dropped ${count} ${what}`);

  const source = [
    `// The "${page.name.replace(/[\r\n]/g, " ")}" page, converted from its chosen preview: the preview's markup as JSX, its CSS`,
    `// scoped under .${scopeClass} so it cannot restyle the shared layout, its forms posting to the app's API routes.`,
    'import type { Metadata } from "next";',
    ...(ctx.uses.link ? ['import Link from "next/link";'] : []),
    ...(ctx.uses.cssProperties ? ['import type { CSSProperties } from "react";'] : []),
    "",
    documentMetadata(root, page.name),
    ...(css ? ["", `const PAGE_CSS = ${templateLiteral(`\n${css}\n`)};`] : []),
    "",
    `export default function ${componentName(page.pageId)}() {`,
    "  return (",
    `    <div ${wrapper}>`,
    ...(css ? ["      <style>{PAGE_CSS}</style>"] : []),
    ...children,
    "    </div>",
    "  );",
    "}",
    "",
  ].join("\n");
  return { source, notes };
}
