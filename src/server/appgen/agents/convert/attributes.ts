import { SVG_PROPS } from "./svg-attributes";

/**
 * HTML attribute → React prop. Props JSX type-checks (a plain name on a tag whose type lacks it, a
 * number-typed prop given a string, an enum given a stray value) fail the generated app's build, so a
 * converted attribute is either written as a JSX attribute that is known to type-check, or passed
 * through an untyped spread (`{...({ bgcolor: "red" } as object)}`) that React still renders.
 */

/** HTML names React spells differently. */
const RENAMED: Record<string, string> = {
  class: "className",
  for: "htmlFor",
  "accept-charset": "acceptCharset",
  "http-equiv": "httpEquiv",
  accesskey: "accessKey",
  autocapitalize: "autoCapitalize",
  autocomplete: "autoComplete",
  autofocus: "autoFocus",
  autoplay: "autoPlay",
  cellpadding: "cellPadding",
  cellspacing: "cellSpacing",
  colspan: "colSpan",
  contenteditable: "contentEditable",
  crossorigin: "crossOrigin",
  datetime: "dateTime",
  enctype: "encType",
  enterkeyhint: "enterKeyHint",
  fetchpriority: "fetchPriority",
  formaction: "formAction",
  formenctype: "formEncType",
  formmethod: "formMethod",
  formnovalidate: "formNoValidate",
  formtarget: "formTarget",
  frameborder: "frameBorder",
  hreflang: "hrefLang",
  inputmode: "inputMode",
  itemprop: "itemProp",
  itemscope: "itemScope",
  itemtype: "itemType",
  itemid: "itemID",
  itemref: "itemRef",
  maxlength: "maxLength",
  minlength: "minLength",
  nomodule: "noModule",
  novalidate: "noValidate",
  playsinline: "playsInline",
  readonly: "readOnly",
  referrerpolicy: "referrerPolicy",
  rowspan: "rowSpan",
  spellcheck: "spellCheck",
  srcdoc: "srcDoc",
  srclang: "srcLang",
  srcset: "srcSet",
  tabindex: "tabIndex",
  usemap: "useMap",
  ismap: "isMap",
  "xlink:href": "xlinkHref",
  "xml:lang": "xmlLang",
  "xml:space": "xmlSpace",
  "xmlns:xlink": "xmlnsXlink",
};

/** SVG attributes with capitals inside, which HTML parsers may have lower-cased. */
const SVG_CAMEL = "viewBox preserveAspectRatio gradientUnits gradientTransform patternUnits patternContentUnits patternTransform clipPathUnits maskUnits maskContentUnits markerUnits markerWidth markerHeight refX refY stdDeviation filterUnits primitiveUnits baseFrequency numOctaves tableValues textLength lengthAdjust startOffset spreadMethod pathLength keyPoints keySplines keyTimes calcMode repeatCount repeatDur attributeName attributeType kernelMatrix specularExponent specularConstant surfaceScale diffuseConstant edgeMode targetX targetY xChannelSelector yChannelSelector limitingConeAngle pointsAtX pointsAtY pointsAtZ";
const SVG_CAMEL_BY_LOWER = new Map(SVG_CAMEL.split(" ").map((n) => [n.toLowerCase(), n]));

/** Attributes that are true by being present. */
export const BOOLEAN_ATTRIBUTES = new Set(
  "allowfullscreen async autofocus autoplay checked controls default defer disabled formnovalidate hidden inert ismap itemscope loop multiple muted nomodule novalidate open playsinline readonly required reversed selected".split(" "),
);

/** Props typed `number` in @types/react, per tag ("*": every tag): a string there does not compile. */
export const NUMERIC_BY_TAG: Record<string, string[]> = {
  "*": ["tabIndex"],
  td: ["colSpan", "rowSpan"],
  th: ["colSpan", "rowSpan"],
  textarea: ["cols", "rows", "maxLength", "minLength"],
  input: ["size", "maxLength", "minLength"],
  select: ["size"],
  col: ["span"],
  colgroup: ["span"],
  ol: ["start"],
  table: ["border"],
  meter: ["low", "high", "optimum"],
};

/** Props typed `string` (or `string | number`) on every HTML element and SVG element alike. */
const GLOBAL_STRING = new Set("className id title lang dir role slot accessKey nonce itemProp itemType itemID itemRef".split(" "));

/** Props typed `string` on the tags listed: safe as plain JSX attributes there. */
export const STRING_BY_TAG: Record<string, string[]> = {
  a: ["href", "target", "rel", "download", "hrefLang", "type", "ping", "media"],
  img: ["src", "alt", "width", "height", "srcSet", "sizes", "useMap"],
  source: ["src", "srcSet", "sizes", "type", "media", "width", "height"],
  video: ["src", "poster", "width", "height"],
  audio: ["src"],
  track: ["src", "srcLang", "label", "kind"],
  link: ["href", "rel", "media", "hrefLang", "type", "sizes"],
  form: ["action", "method", "encType", "target", "name", "acceptCharset"],
  input: ["type", "name", "value", "placeholder", "accept", "pattern", "min", "max", "step", "form", "list", "alt", "src", "width", "height", "autoComplete", "formAction", "formMethod", "formTarget", "formEncType"],
  button: ["name", "value", "form", "formAction", "formMethod", "formTarget", "formEncType"],
  select: ["name", "form", "autoComplete"],
  textarea: ["name", "placeholder", "form", "wrap", "autoComplete", "dirName"],
  option: ["value", "label"],
  optgroup: ["label"],
  label: ["htmlFor", "form"],
  output: ["htmlFor", "form", "name"],
  fieldset: ["form", "name"],
  meter: ["value", "min", "max", "form"],
  progress: ["value", "max"],
  td: ["headers", "width", "height", "abbr", "scope"],
  th: ["headers", "abbr", "scope"],
  col: ["width"],
  colgroup: [],
  table: ["width", "cellPadding", "cellSpacing", "summary", "bgcolor"],
  time: ["dateTime"],
  del: ["cite", "dateTime"],
  ins: ["cite", "dateTime"],
  blockquote: ["cite"],
  q: ["cite"],
  data: ["value"],
  li: ["value"],
  area: ["alt", "coords", "download", "href", "hrefLang", "media", "rel", "shape", "target"],
  map: ["name"],
  canvas: ["width", "height"],
  details: ["name"],
};

/** Boolean props per tag (typed `boolean` there); elsewhere a boolean goes through the spread. */
export const BOOLEAN_BY_TAG: Record<string, string[]> = {
  "*": ["hidden", "autoFocus", "inert", "itemScope"],
  input: ["checked", "disabled", "required", "readOnly", "multiple", "formNoValidate"],
  button: ["disabled", "formNoValidate"],
  select: ["disabled", "required", "multiple"],
  textarea: ["disabled", "required", "readOnly"],
  option: ["disabled", "selected"],
  optgroup: ["disabled"],
  fieldset: ["disabled"],
  form: ["noValidate"],
  details: ["open"],
  dialog: ["open"],
  video: ["autoPlay", "controls", "loop", "muted", "playsInline"],
  audio: ["autoPlay", "controls", "loop", "muted"],
  ol: ["reversed"],
  track: ["default"],
};

const CROSS_ORIGIN = ["anonymous", "use-credentials", ""];

/** String-union props: written out when the value is one @types/react accepts, spread otherwise. */
export const ENUM_BY_TAG: Record<string, Record<string, string[]>> = {
  button: { type: ["submit", "reset", "button"] },
  img: { loading: ["eager", "lazy"], decoding: ["async", "auto", "sync"], crossOrigin: CROSS_ORIGIN },
  link: { crossOrigin: CROSS_ORIGIN },
  video: { crossOrigin: CROSS_ORIGIN },
  audio: { crossOrigin: CROSS_ORIGIN },
  td: { align: ["left", "center", "right", "justify", "char"], valign: ["top", "middle", "bottom", "baseline"] },
  th: { align: ["left", "center", "right", "justify", "char"] },
  table: { align: ["left", "center", "right"] },
  ol: { type: ["1", "i", "a", "A", "I"] },
  "*": { translate: ["yes", "no"] },
};

export type ConvertedAttribute =
  | { kind: "jsx"; name: string; value: string | number | true }
  | { kind: "spread"; name: string; value: string | boolean }
  | { kind: "drop"; why: string };

/** `stroke-width` → `strokeWidth`; `data-*`/`aria-*` stay as they are. */
function camelCase(name: string): string {
  return name.replace(/[-:]([a-z])/g, (_, c: string) => c.toUpperCase());
}

function reactName(rawName: string, svg: boolean): string {
  const lower = rawName.toLowerCase();
  if (lower.startsWith("data-") || lower.startsWith("aria-")) return lower;
  if (RENAMED[lower]) return RENAMED[lower];
  if (svg) return SVG_CAMEL_BY_LOWER.get(lower) ?? camelCase(lower);
  return lower;
}

/** Converts one attribute for `tag` (the JSX tag name). `style`, `on*` and URLs are handled by the caller. */
export function convertAttribute(tag: string, rawName: string, value: string, svg: boolean): ConvertedAttribute {
  if (!/^[a-zA-Z_][a-zA-Z0-9_.:-]*$/.test(rawName)) return { kind: "drop", why: "not an attribute name React accepts" };
  const lower = rawName.toLowerCase();
  const name = reactName(rawName, svg);
  if (name.startsWith("data-") || name.startsWith("aria-")) return { kind: "jsx", name, value };
  if (BOOLEAN_ATTRIBUTES.has(lower) && !svg) {
    const typed = [...(BOOLEAN_BY_TAG["*"] ?? []), ...(BOOLEAN_BY_TAG[tag] ?? [])].includes(name);
    return typed ? { kind: "jsx", name, value: true } : { kind: "spread", name: lower, value: true };
  }
  if (NUMERIC_BY_TAG["*"]!.includes(name) || NUMERIC_BY_TAG[tag]?.includes(name)) {
    return /^-?\d{1,6}$/.test(value.trim()) ? { kind: "jsx", name, value: Number(value.trim()) } : { kind: "drop", why: `${name} is not a whole number` };
  }
  // SVG props are all `string | number` in @types/react: a name it declares is safe as written.
  if (svg) {
    if (lower.includes(":") && !RENAMED[lower]) return { kind: "drop", why: "namespaced SVG attribute (an editor's, not SVG's)" };
    return SVG_PROPS.has(name) ? { kind: "jsx", name, value } : { kind: "spread", name: lower, value };
  }
  if (GLOBAL_STRING.has(name) || STRING_BY_TAG[tag]?.includes(name)) return { kind: "jsx", name, value };
  const allowed = ENUM_BY_TAG[tag]?.[name] ?? ENUM_BY_TAG["*"]![name];
  if (allowed?.includes(value)) return { kind: "jsx", name, value };
  return { kind: "spread", name: RENAMED[lower] ?? lower, value };
}
