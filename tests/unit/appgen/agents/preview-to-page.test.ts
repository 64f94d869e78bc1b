import { describe, expect, it } from "vitest";
import { previewToPage, type ConvertInput } from "@/server/appgen/agents/convert/preview-to-page";

const convert = (html: string, opts: { actions?: string[]; allActions?: string[]; pageId?: string } = {}) =>
  previewToPage({
    page: { pageId: opts.pageId ?? "home", name: "Home", selectedPreviewHtml: html, actions: opts.actions ?? [] },
    routes: ["/", "/about", "/pricing/plans"],
    actions: opts.allActions ?? ["signup", "contact"],
  } satisfies ConvertInput);
const source = (html: string, opts?: Parameters<typeof convert>[1]) => convert(html, opts).source;
/** The JSX between the wrapper's opening and closing tags. */
const body = (html: string, opts?: Parameters<typeof convert>[1]) => source(html, opts).split("return (")[1]!;

describe("document handling", () => {
  it("takes the title and description into metadata and drops the head's plumbing", () => {
    const out = source('<!doctype html><html><head><meta charset="utf-8"><title>Bread &amp; Co</title><meta name="description" content="Fresh &quot;daily&quot;"></head><body><p>Hi</p></body></html>');
    expect(out).toContain('export const metadata: Metadata = { title: "Bread & Co", description: "Fresh \\"daily\\"" };');
    expect(out).not.toMatch(/<meta|<title|<html|<head|<body|doctype/i);
    expect(body('<p>x</p>')).toContain('<div className="page-scope-home">');
  });

  it("falls back to the page's name for a fragment without a title", () => {
    expect(source("<section><h1>Hi</h1></section>")).toContain('title: "Home"');
  });

  it("keeps the body's classes and style on the page wrapper", () => {
    expect(body('<body class="dark wide" style="background: #000"><p>x</p></body>')).toContain('<div className="page-scope-home dark wide" style={{ background: "#000" } as CSSProperties}>');
  });

  it("exports one default component named after the page and is deterministic", () => {
    const html = "<h1>Same</h1><p>input</p>";
    expect(source(html, { pageId: "pricing-plans" })).toContain("export default function PricingPlansPage() {");
    expect(source(html)).toBe(source(html));
  });
});

describe("elements and attributes", () => {
  it("renames class and for, and self-closes void elements", () => {
    const out = body('<label class="l" for="e">E</label><input id="e"><br><hr><img src="a.png" alt="A">');
    expect(out).toContain('<label className="l" htmlFor="e">E</label>');
    expect(out).toMatch(/<input id="e" \/>/);
    expect(out).toContain("<br />");
    expect(out).toContain("<hr />");
    expect(out).toContain('<img src="a.png" alt="A" />');
    expect(out).not.toMatch(/\sclass=|\sfor=|<\/br>|<\/img>/);
  });

  it("turns inline styles into typed objects: camelCase, vendor prefixes, custom properties, no !important", () => {
    const out = body('<div style="font-size: 2rem; -webkit-box-shadow: none; -ms-flex: 1; --brand: #f00; color: red !important; background: url(data:image/png;base64,AA==)">x</div>');
    expect(out).toContain('style={{ fontSize: "2rem", WebkitBoxShadow: "none", msFlex: "1", "--brand": "#f00", color: "red", background: "url(data:image/png;base64,AA==)" } as CSSProperties}');
    expect(source('<div style="color:red">x</div>')).toContain('import type { CSSProperties } from "react";');
  });

  it("ignores a second rule smuggled into a style attribute", () => {
    expect(body('<p style="color: red} body { display: none">x</p>')).not.toContain("display");
  });

  it("escapes text and attributes that JSX would misread", () => {
    const out = body('<p title="say &quot;hi&quot; &amp; {go}">Hello {world} &lt;3 &gt; &amp; &copy;</p><p>a&nbsp;b</p>');
    expect(out).toContain('title={"say \\"hi\\" & {go}"}');
    expect(out).toContain('{"Hello {world} <3 > & ©"}');
    expect(out).toContain('{"a\u00a0b"}');
  });

  it("writes boolean attributes bare and uncontrolled fields with defaults", () => {
    const out = body('<form><input name="a" required disabled value="v"><input type="checkbox" checked><select name="s"><option value="1">One</option><option value="2" selected>Two</option></select><textarea name="t">Hi &amp; bye</textarea><details open><summary>s</summary></details></form>');
    expect(out).toContain('<input name="a" required disabled defaultValue="v" />');
    expect(out).toContain('<input type="checkbox" defaultChecked />');
    expect(out).toContain('<select name="s" defaultValue="2">');
    expect(out).not.toMatch(/<option[^>]*selected/);
    expect(out).toContain('<textarea name="t" defaultValue={"Hi & bye"} />');
    expect(out).toContain("<details open>");
  });

  it("writes numbers where React's types want numbers and drops ones that are not", () => {
    const out = body('<table><tbody><tr><td colspan="2" rowspan="x">a</td></tr></tbody></table><h1 tabindex="abc">t</h1><p tabindex="0">p</p><textarea rows="3"></textarea>');
    expect(out).toContain("<td colSpan={2}>a</td>");
    expect(out).toContain("<h1>t</h1>");
    expect(out).toContain("<p tabIndex={0}>p</p>");
    expect(out).toContain("<textarea rows={3} />");
  });

  it("passes attributes React's types do not know through an untyped spread", () => {
    const out = body('<td bgcolor="red" valign="weird">a</td><div align="center" x-data="{ open: 1 }">b</div><button type="bogus">c</button><button type="submit">d</button>');
    expect(out).toContain('{...({ bgcolor: "red", valign: "weird" } as object)}');
    expect(out).toContain('{...({ align: "center", "x-data": "{ open: 1 }" } as object)}');
    expect(out).toContain('<button {...({ type: "bogus" } as object)}>c</button>');
    expect(out).toContain('<button type="submit">d</button>');
  });

  it("drops framework directives whose names are not attributes", () => {
    const out = body('<div @click="go()" :class="{a: b}" v-if="x">a</div>');
    expect(out).not.toMatch(/@click|:class/);
    expect(out).toContain('<div {...({ "v-if": "x" } as object)}>a</div>');
  });

  it("maps unknown and obsolete tags to elements JSX knows, keeping their content", () => {
    const out = body('<my-widget foo="1">w</my-widget><p><font color="red">old</font></p><blink>b</blink><center>c</center>');
    expect(out).toContain('<div {...({ foo: "1" } as object)}>w</div>');
    expect(out).toContain('<span {...({ color: "red" } as object)}>old</span>');
    expect(out).toContain("<span>b</span>");
    expect(out).toContain("<center>c</center>");
    expect(out).not.toMatch(/<my-widget|<font|<blink/);
  });

  it("renders SVG with React's camelCase attribute and tag names", () => {
    const out = body('<svg viewBox="0 0 24 24" xmlns:xlink="http://www.w3.org/1999/xlink"><linearGradient id="g" gradientUnits="userSpaceOnUse"><stop offset="0" stop-color="#fff"/></linearGradient><path stroke-width="2" fill-rule="evenodd" stroke-linecap="round" d="M0 0"/><use xlink:href="#g"/><foreignObject><div class="x">html</div></foreignObject><sodipodi:namedview inkscape:zoom="1"/></svg>');
    expect(out).toContain('<svg viewBox="0 0 24 24" xmlnsXlink="http://www.w3.org/1999/xlink">');
    expect(out).toContain('<linearGradient id="g" gradientUnits="userSpaceOnUse">');
    expect(out).toContain('<stop offset="0" stopColor="#fff" />');
    expect(out).toContain('<path strokeWidth="2" fillRule="evenodd" strokeLinecap="round" d="M0 0" />');
    expect(out).toContain('<use xlinkHref="#g" />');
    expect(out).toContain('<div className="x">html</div>');
    expect(out).not.toMatch(/stroke-width|inkscape|sodipodi/);
  });

  it("puts a table's bare rows in a tbody and keeps whitespace out of table parts", () => {
    const out = body("<table>\n  <caption>c</caption>\n  <tr>\n    <td>1</td>\n  </tr>\n  <tr><td>2</td></tr>\n</table>");
    expect(out).toMatch(/<table>\s+<caption>c<\/caption>\s+<tbody>\s+<tr>\s+<td>1<\/td>\s+<\/tr>\s+<tr>\s+<td>2<\/td>\s+<\/tr>\s+<\/tbody>\s+<\/table>/);
    expect(out).not.toContain('{" "}');
  });

  it("keeps meaningful spaces between inline elements and preformatted text as it is", () => {
    const out = body("<p><b>Hello</b> <i>world</i>,   again</p><pre>  a\n    b</pre>");
    // "world</i>, again": no space in the source, none in the page; a leading space is kept as a literal.
    expect(out).toMatch(/<b>Hello<\/b>\s+\{" "\}\s+<i>world<\/i>\s+, again\s+<\/p>/);
    expect(body("<p><i>x</i> again</p>")).toContain('{" again"}');
    expect(out).toContain('{"  a\\n    b"}');
  });

  it("drops comments, including conditional ones", () => {
    const out = body("<p>a<!-- note -->b</p><!--[if lt IE 9]><p>old</p><![endif]-->");
    expect(out).not.toMatch(/note|old|endif/);
  });
});

describe("what is left out for safety", () => {
  it("survives pathological nesting and says what it cut", () => {
    const { source: out, notes } = convert(`${"<div>".repeat(3000)}deep${"</div>".repeat(3000)}`);
    expect(out).toContain("export default function HomePage()");
    expect(notes).toEqual(["dropped 1 content nested deeper than 256 levels"]);
  });

  it("drops scripts, embeds, handlers and script URLs, and says so", () => {
    const { source: out, notes } = convert(
      '<script>alert(1)</script><iframe src="https://x"></iframe><object data="a.swf"></object><noscript><img src="t.gif"></noscript>' +
        '<a href="javascript:alert(2)" onclick="alert(3)">a</a><a href=" JaVa\tScRiPt:alert(4)">b</a><img src="x.png" onerror="alert(5)"><form action="javascript:alert(6)"><button formaction="vbscript:x">b</button></form><a href="data:text/html;base64,PHNjcmlwdD4=">d</a>',
    );
    expect(out).not.toMatch(/alert|<script|<iframe|<object|<noscript|onclick|onerror|javascript:|vbscript:|data:text\/html/i);
    expect(notes).toEqual(expect.arrayContaining(["dropped 1 <script>", "dropped 1 <iframe>", "dropped 2 on* event handlers", "dropped 5 javascript: URLs"]));
  });

  it("keeps a remote stylesheet as an @import and drops local ones", () => {
    const out = source('<link rel="stylesheet" href="https://fonts.example/css?family=Inter"><link rel="stylesheet" href="/local.css"><p>x</p>');
    expect(out).toContain('@import url("https://fonts.example/css?family=Inter");');
    expect(out).not.toContain("local.css");
  });
});

describe("links and forms", () => {
  it("turns links to the spec's routes into next/link and leaves the rest", () => {
    const out = source('<a href="index.html">H</a><a href="about.html#team">A</a><a href="./pricing/plans/">P</a><a href="/About?x=1">Q</a><a href="/blog">B</a><a href="https://ex.com/about">E</a><a href="#top">T</a><a href="mailto:a@b.c">M</a>');
    expect(out).toContain('import Link from "next/link";');
    expect(out).toContain('<Link href="/">H</Link>');
    expect(out).toContain('<Link href="/about#team">A</Link>');
    expect(out).toContain('<Link href="/pricing/plans">P</Link>');
    expect(out).toContain('<Link href="/about?x=1">Q</Link>');
    expect(out).toContain('<a href="/blog">B</a>');
    expect(out).toContain('<a href="https://ex.com/about">E</a>');
    expect(out).toContain('<a href="#top">T</a>');
    expect(out).toContain('<a href="mailto:a@b.c">M</a>');
    expect(source('<a href="https://ex.com">x</a>')).not.toContain("next/link");
  });

  it("points forms at the app's action routes", () => {
    expect(body('<form data-action="contact" method="get" action="/old"><input name="a"></form>')).toContain('<form data-action="contact" method="post" action="/api/actions/contact">');
    const two = body('<form id="f1"></form><form class="newsletter-signup"></form><form></form>', { actions: ["contact", "signup"] });
    expect(two).toContain('<form id="f1" method="post" action="/api/actions/contact" />');
    expect(two).toContain('<form className="newsletter-signup" method="post" action="/api/actions/signup" />');
    expect(two).toContain('<form method="post" action="/api/actions/signup" />');
    expect(body('<form action="https://ex.com/subscribe" method="post"></form>')).toContain('<form action="https://ex.com/subscribe" method="post" />');
    expect(body('<form data-action="unknown"></form>')).toContain('<form data-action="unknown" />');
  });
});

describe("page-scoped CSS", () => {
  it("puts every selector under the page wrapper and maps the document roots onto it", () => {
    const out = source(
      "<style>:root{--b:red} html, body{margin:0} BODY.dark .x{color:#fff} * {box-sizing:border-box} .hero > h1, .a + .b {color:var(--b)} @media (max-width: 600px){.hero{padding:0}} @keyframes fade{from{opacity:0}to{opacity:1}} @font-face{font-family:X;src:url(x.woff2)} /* gone */ @import url(local.css);</style><p>x</p>",
    );
    const css = out.split("const PAGE_CSS = `")[1]!.split("`;")[0]!;
    expect(css).toContain(".page-scope-home{--b:red}");
    expect(css).toContain(".page-scope-home, .page-scope-home{margin:0}");
    expect(css).toContain(".page-scope-home.dark .x{color:#fff}");
    expect(css).toContain(".page-scope-home *");
    expect(css).toContain(".page-scope-home .hero > h1, .page-scope-home .a + .b");
    expect(css).toContain("@media (max-width: 600px){.page-scope-home .hero{padding:0}}");
    expect(css).toContain("@keyframes fade{from{opacity:0}to{opacity:1}}");
    expect(css).toContain("@font-face{font-family:X;src:url(x.woff2)}");
    expect(css).not.toMatch(/gone|local\.css/);
    expect(out).toContain("<style>{PAGE_CSS}</style>");
  });

  it("saves CSS that was cut short and escapes what a template literal would interpolate", () => {
    const out = source("<style>.a{content:'`${x}` \\\\'} .b{color:red;</style><p>x</p>");
    expect(out).toContain(".page-scope-home .b{color:red;");
    expect(out).toContain("content:'\\`\\${x}\\` \\\\\\\\'");
  });

  it("says so when CSS cannot be saved", () => {
    expect(convert("<style>.a{color:red}} }} {{ .b{</style><p>x</p>").notes.join(" ")).toMatch(/CSS/);
  });
});
