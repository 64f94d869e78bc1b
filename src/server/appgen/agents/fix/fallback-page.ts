import { parse, type HTMLElement } from "node-html-parser";
import { scopeCss } from "../convert/css";
import { componentName, isScriptUrl, literal, templateLiteral } from "../convert/jsx-text";
import { pageScopeClass } from "../convert/preview-to-page";
import { DROPPED_ELEMENTS } from "../convert/elements";
import type { GeneratedFile } from "../types";

/**
 * The fixer's last resort for a page that does not build: the page renders its preview's body as
 * sanitized HTML through one small component. It loses the JSX, never the content, and it cannot fail
 * to compile: the markup is a string. Sanitized here, when the app is generated, not in the browser.
 */

/** Where the fixer puts the component; a page agent (which may not write components/site/) puts it beside its page. */
export const SHARED_COMPONENT_DIR = "components/site";

const SAFE_HTML = `// Renders markup that was sanitized when this app was generated (no scripts, embeds, handlers or
// javascript: URLs). Only for that markup: never pass it anything a visitor typed.
export function SafeHtml({ html }: { html: string }) {
  return <div dangerouslySetInnerHTML={{ __html: html }} />;
}
`;

const URL_ATTRIBUTES = ["href", "src", "srcset", "action", "formaction", "xlink:href", "poster", "data"];

function sanitize(root: HTMLElement): { html: string; css: string[] } {
  const css: string[] = [];
  for (const el of root.querySelectorAll("*")) {
    const tag = el.rawTagName.toLowerCase();
    if (tag === "style") {
      css.push(el.rawText);
      el.remove();
      continue;
    }
    if ((DROPPED_ELEMENTS.has(tag) && tag !== "title") || tag === "link") {
      el.remove();
      continue;
    }
    for (const name of Object.keys(el.attributes)) {
      const lower = name.toLowerCase();
      if (lower.startsWith("on") || (URL_ATTRIBUTES.includes(lower) && isScriptUrl(el.getAttribute(name) ?? ""))) el.removeAttribute(name);
    }
  }
  root.querySelectorAll("title").forEach((t) => { if (!t.closest("svg")) t.remove(); });
  const body = root.querySelector("body") ?? root;
  return { html: body.innerHTML.trim(), css };
}


export function fallbackPage(
  page: { pageId: string; name: string; selectedPreviewHtml: string },
  at: { pagePath: string; componentDir: string },
): GeneratedFile[] {
  const root = parse(page.selectedPreviewHtml, { comment: false, lowerCaseTagName: false, blockTextElements: { style: true, script: false, noscript: false, textarea: true } });
  const title = root.querySelectorAll("title").find((t) => !t.closest("svg"))?.text.trim() || page.name;
  const { html, css } = sanitize(root);
  const scopeClass = pageScopeClass(page.pageId);
  const scoped = css.length ? (scopeCss(css.join("\n"), scopeClass) ?? "") : "";
  const source = `// The "${page.name.replace(/[\r\n]/g, " ")}" page as its sanitized preview: the fixer's fallback after the converted page failed to build.
import type { Metadata } from "next";
import { SafeHtml } from "@/${at.componentDir}/safe-html";

export const metadata: Metadata = { title: ${literal(title)} };

const PREVIEW_HTML = ${templateLiteral(html)};
${scoped ? `\nconst PAGE_CSS = ${templateLiteral(scoped)};\n` : ""}
export default function ${componentName(page.pageId)}() {
  return (
    <div className="${scopeClass}">
${scoped ? "      <style>{PAGE_CSS}</style>\n" : ""}      <SafeHtml html={PREVIEW_HTML} />
    </div>
  );
}
`;
  return [
    { path: at.pagePath, content: source },
    { path: `${at.componentDir}/safe-html.tsx`, content: SAFE_HTML },
  ];
}
