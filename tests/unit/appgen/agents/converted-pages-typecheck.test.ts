import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BOOLEAN_BY_TAG, ENUM_BY_TAG, NUMERIC_BY_TAG, STRING_BY_TAG } from "@/server/appgen/agents/convert/attributes";
import { previewToPage } from "@/server/appgen/agents/convert/preview-to-page";
import { fallbackPage } from "@/server/appgen/agents/fix/fallback-page";
import { typeErrors } from "./support/typecheck";

/**
 * The converter's promise is "it still compiles": every attribute table entry is a claim about
 * @types/react. This type-checks converted pages with the generated app's own compiler options,
 * in memory, against this repo's next/react types (the real build runs in the integration test).
 */

const REPO = path.resolve(import.meta.dirname, "../../../..");
const fixture = (name: string) => readFileSync(path.join(REPO, "tests/fixtures/appgen", name), "utf8");

const VOID = new Set(["img", "input", "source", "track", "link", "col", "area", "br", "hr", "wbr"]);
const element = (tag: string, attrs: string) => (VOID.has(tag) ? `<${tag} ${attrs}>` : `<${tag} ${attrs}>x</${tag}>`);

/** Every tag × attribute the tables claim, plus the values they route through the spread. */
function kitchenSink(): string {
  const parts: string[] = [];
  const tags = new Set([...Object.keys(STRING_BY_TAG), ...Object.keys(BOOLEAN_BY_TAG), ...Object.keys(ENUM_BY_TAG), ...Object.keys(NUMERIC_BY_TAG), "div", "span", "p"]);
  tags.delete("*");
  for (const tag of tags) {
    const strings = (STRING_BY_TAG[tag] ?? []).map((a) => `${a.toLowerCase()}="v"`);
    const booleans = [...(BOOLEAN_BY_TAG[tag] ?? []), ...BOOLEAN_BY_TAG["*"]!].map((a) => a.toLowerCase());
    const enums = Object.entries({ ...ENUM_BY_TAG["*"], ...ENUM_BY_TAG[tag] }).flatMap(([a, values]) => [`${a.toLowerCase()}="${values[0]}"`]);
    const numbers = [...(NUMERIC_BY_TAG[tag] ?? []), "tabIndex"].map((a) => `${a.toLowerCase()}="3"`);
    const strays = ['bgcolor="red"', 'align="middle"', 'size="big"', 'type="odd"', "disabled", 'x-data="{}"', 'data-x="1"', 'aria-label="l"', 'class="c"', 'id="i"', 'style="color: red; --x: 1"'];
    parts.push(element(tag, [...strings, ...booleans, ...enums, ...numbers, ...strays].join(" ")));
  }
  return `<table>${parts.filter((p) => /^<t[dh] /.test(p)).map((p) => `<tr>${p}</tr>`).join("")}</table>${parts.filter((p) => !/^<t[dh] /.test(p)).join("\n")}`;
}

const convert = (pageId: string, html: string) =>
  previewToPage({ page: { pageId, name: pageId, selectedPreviewHtml: html, actions: ["contact"] }, routes: ["/", "/about", "/pricing"], actions: ["contact", "signup"] }).source;

describe("converted pages type-check as the generated app compiles them", () => {
  it("for every attribute the converter writes out, the fixtures, and the fixer's fallback", { timeout: 60_000 }, () => {
    const svg = '<svg viewBox="0 0 10 10" xmlns="http://www.w3.org/2000/svg" xml:space="preserve" version="1.1" tabindex="0" class="i"><defs><clipPath id="c"><rect width="10" height="10" rx="2"/></clipPath><filter id="f"><feGaussianBlur stdDeviation="2"/></filter><marker id="m" markerWidth="3" refX="1"/></defs><g clip-path="url(#c)" stroke-dasharray="2 2" fill-opacity=".5"><text x="1" y="2" text-anchor="middle" dominant-baseline="middle">t<tspan font-weight="bold">s</tspan></text><use xlink:href="#c"/><animate attributeName="x" dur="1s" repeatCount="indefinite"/></g></svg>';
    const files = {
      "app/kitchen/page.tsx": convert("kitchen", kitchenSink()),
      "app/svg/page.tsx": convert("svg", svg),
      "app/links/page.tsx": convert("links", '<a href="/about" class="c" target="_blank" rel="x" download bgcolor="r" tabindex="2" style="color:red" hreflang="en" onclick="x()">L</a><form data-action="signup" enctype="multipart/form-data" novalidate><input value="v" checked type="checkbox"></form>'),
      "app/page.tsx": convert("home", fixture("landing.html")),
      "app/pricing/page.tsx": convert("pricing", fixture("pricing-fragment.html")),
      "app/about/page.tsx": convert("about", fixture("ugly-pasted.html")),
      ...Object.fromEntries(fallbackPage({ pageId: "about", name: "About", selectedPreviewHtml: fixture("ugly-pasted.html") }, { pagePath: "app/fallback/page.tsx", componentDir: "components/site" }).map((f) => [f.path, f.content])),
    };
    expect(typeErrors(files)).toEqual([]);
  });

  it("reports a real type error (the check is not vacuous)", { timeout: 60_000 }, () => {
    expect(typeErrors({ "app/page.tsx": "export default function P() { return <div tabIndex=\"1\" />; }\n" })).toEqual([expect.stringMatching(/tabIndex|not assignable/)]);
  });
});
