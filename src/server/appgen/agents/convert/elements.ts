/**
 * Which tags a converted page may render. JSX type-checks intrinsic tags against @types/react's
 * `IntrinsicElements`, so a pasted `<my-widget>` or `<font>` would fail the app's build: anything
 * unknown becomes a `<div>`/`<span>` that keeps its children.
 */
const HTML_TAGS =
  "a abbr address area article aside audio b bdi bdo big blockquote br button canvas caption center cite code col colgroup data datalist dd del details dfn dialog div dl dt em fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr i img input ins kbd label legend li link main map mark menu meter nav ol optgroup option output p picture pre progress q rp rt ruby s samp search section select small source span strong sub summary sup table tbody td textarea tfoot th thead time tr track u ul var video wbr";

const SVG_TAGS =
  "svg animate animateMotion animateTransform circle clipPath defs desc ellipse feBlend feColorMatrix feComponentTransfer feComposite feConvolveMatrix feDiffuseLighting feDisplacementMap feDistantLight feDropShadow feFlood feFuncA feFuncB feFuncG feFuncR feGaussianBlur feImage feMerge feMergeNode feMorphology feOffset fePointLight feSpecularLighting feSpotLight feTile feTurbulence filter foreignObject g image line linearGradient marker mask metadata mpath path pattern polygon polyline radialGradient rect set stop switch symbol text textPath tspan use view";

/** Lower-cased name → the name JSX knows (`lineargradient` → `linearGradient`). */
const CANONICAL = new Map<string, string>([...HTML_TAGS.split(" "), ...SVG_TAGS.split(" ")].map((t) => [t.toLowerCase(), t]));

export const SVG_ELEMENTS = new Set(SVG_TAGS.split(" "));

/** Rendered as `<x />`: HTML has no closing tag for them. */
export const VOID_ELEMENTS = new Set(["area", "br", "col", "embed", "hr", "img", "input", "link", "source", "track", "wbr"]);

/**
 * Never carried over: scripts and embeds (code from a pasted page must not run in the app), document
 * plumbing the layout owns, and elements React cannot render from markup (`template`, `noscript`).
 */
export const DROPPED_ELEMENTS = new Set([
  "script",
  "iframe",
  "frame",
  "frameset",
  "object",
  "embed",
  "applet",
  "param",
  "base",
  "meta",
  "title",
  "noscript",
  "template",
  "slot",
  "portal",
]);

/** Children of these may not be whitespace text (React reports a hydration error for it). */
export const NO_WHITESPACE_CHILDREN = new Set(["table", "thead", "tbody", "tfoot", "tr", "colgroup", "select", "optgroup", "ul", "ol", "dl", "head", "html"]);

const INLINE = new Set("a abbr b bdi bdo cite code data dfn em i kbd label mark q s samp small span strong sub sup time u var".split(" "));

/** Block-level elements that a `<p>` may not contain (the browser would close the `<p>` early). */
export const BLOCK_ELEMENTS = new Set(
  "address article aside blockquote details dialog div dl fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr main menu nav ol p pre section table ul".split(" "),
);

/** Obsolete inline tags JSX does not know; they become spans. */
const OBSOLETE_INLINE = new Set("font tt strike blink nobr acronym basefont".split(" "));

/** The JSX tag for a parsed tag name; unknown tags become a neutral container of the right kind. */
export function jsxTagFor(rawTag: string, parentIsInline: boolean): { tag: string; known: boolean } {
  const lower = rawTag.toLowerCase();
  const canonical = CANONICAL.get(lower);
  if (canonical) return { tag: canonical, known: true };
  return { tag: parentIsInline || OBSOLETE_INLINE.has(lower) ? "span" : "div", known: false };
}

export function isInline(tag: string): boolean {
  return INLINE.has(tag);
}
