import fc from "fast-check";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { previewToPage } from "@/server/appgen/agents/convert/preview-to-page";
import { offlinePage, pageTask } from "@/server/appgen/agents/page-agent";
import { FILE_MAX_BYTES, checkAgentFiles, pageScope } from "@/server/appgen/agents/scope";
import { generationSpec } from "@/server/appgen/spec";
import { typeErrors } from "./support/typecheck";

const specWith = (html: string) =>
  generationSpec.parse({ projectId: "p", brief: { title: "T" }, pages: [{ pageId: "home", route: "/", name: "Home", selectedPreviewHtml: html, actions: ["signup"] }] });

describe("offline page agent", () => {
  it("writes the page's own file, inside its scope, with a summary of what it left out", () => {
    const spec = specWith("<h1>Hi</h1><script>x()</script>");
    const out = offlinePage(pageTask(spec, spec.pages[0]!));
    expect(out.files.map((f) => f.path)).toEqual(["app/page.tsx"]);
    expect(checkAgentFiles(out.files, pageScope(spec.pages[0]!)).rejected).toEqual([]);
    expect(out.summary).toBe("Home (/): converted the chosen preview into app/page.tsx; dropped 1 <script>");
  });

  it("renders a preview whose JSX would pass the file cap as sanitized HTML, still inside the page's scope", () => {
    const dense = `${"<div>".repeat(30)}${"<b></b>".repeat(27_000)}${"</div>".repeat(30)}`;
    const spec = specWith(dense);
    expect(Buffer.byteLength(previewToPage({ page: spec.pages[0]!, routes: ["/"], actions: [] }).source)).toBeGreaterThan(FILE_MAX_BYTES);
    const out = offlinePage(pageTask(spec, spec.pages[0]!));
    expect(out.files.map((f) => f.path)).toEqual(["app/page.tsx", "components/pages/home/safe-html.tsx"]);
    expect(checkAgentFiles(out.files, pageScope(spec.pages[0]!)).rejected).toEqual([]);
    expect(out.summary).toMatch(/renders its sanitized HTML/);
  });
});

// Arbitrary pasted HTML: tags JSX knows and does not, odd attribute names and values, text full of JSX syntax.
const tagName = fc.constantFrom("div", "p", "span", "a", "img", "br", "table", "tr", "td", "ul", "li", "svg", "path", "form", "input", "select", "option", "textarea", "pre", "b", "my-el", "font", "script", "style", "iframe", "foo:bar", "DIV", "Svg");
const attrName = fc.constantFrom("class", "for", "style", "href", "src", "onclick", "tabindex", "colspan", "disabled", "checked", "value", "type", "data-x", "aria-label", "viewBox", "stroke-width", "xlink:href", "@click", ":class", "x-data", "bgcolor", "align", "size", "loading", "weird_attr", "v-if", "rows");
const attrValue = fc.oneof(fc.constantFrom("", "1", "x", "javascript:alert(1)", "color: red; --x: {1}", "a\"b'c", "{ }", "<>&amp;", "/about", "about.html#x", "https://e.x/"), fc.string({ maxLength: 12 }));
const text = fc.oneof(fc.constantFrom("{x}", "a < b > c", "&amp; &lt; &copy; &#123; &nbsp;", "  spaced   out  ", "\n\t", "`${x}`", "</div>", "*/"), fc.string({ maxLength: 20 }));
const html: fc.Arbitrary<string> = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: "small", withCrossShrink: true }, text, tie("element")),
  element: fc
    .tuple(tagName, fc.array(fc.tuple(attrName, attrValue), { maxLength: 4 }), fc.array(tie("node"), { maxLength: 4 }), fc.boolean())
    .map(([tag, attrs, children, close]) => `<${tag}${attrs.map(([n, v]) => ` ${n}="${v.replace(/"/g, "&quot;")}"`).join("")}>${(children as string[]).join("")}${close ? `</${tag}>` : ""}`),
})).node as fc.Arbitrary<string>;

const convert = (source: string) => previewToPage({ page: { pageId: "fuzz", name: "Fuzz", selectedPreviewHtml: source, actions: ["signup"] }, routes: ["/", "/about"], actions: ["signup"] }).source;

function syntaxErrors(tsx: string): string[] {
  const out = ts.transpileModule(tsx, { reportDiagnostics: true, fileName: "page.tsx", compilerOptions: { jsx: ts.JsxEmit.ReactJSX } });
  return (out.diagnostics ?? []).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
}

describe("arbitrary pasted HTML", () => {
  it("always converts to TSX without syntax errors, scripts or handlers", { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(fc.array(html, { minLength: 1, maxLength: 4 }), (parts) => {
        const tsx = convert(parts.join(""));
        expect(syntaxErrors(tsx)).toEqual([]);
        // Text may mention "<script>" (as a string React escapes); the code around the strings may not.
        const code = tsx.replace(/`(?:[^`\\]|\\.)*`/g, "``").replace(/"(?:[^"\\\n]|\\.)*"/g, '""');
        expect(code).not.toMatch(/<script|<iframe|\son[a-z]+=/i);
        expect(tsx).not.toMatch(/\b(href|src|action|formAction|xlinkHref)=\{?"\s*javascript:/i);
      }),
      { numRuns: 200, seed: 12 },
    );
  });

  it("type-checks as the generated app compiles it", { timeout: 90_000 }, () => {
    const samples = fc.sample(fc.array(html, { minLength: 2, maxLength: 5 }), { numRuns: 40, seed: 7 });
    const files = Object.fromEntries(samples.map((parts, i) => [`app/p${i}/page.tsx`, convert(parts.join(""))]));
    expect(typeErrors(files)).toEqual([]);
  });
});
