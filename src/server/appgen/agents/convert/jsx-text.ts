/**
 * How values are spelled in the emitted TSX. JSX text cannot hold `{ } < >` and decodes `&…;`
 * entities, and JSX attribute strings cannot hold `"`: anything beyond plain characters is written
 * as a JS string literal inside braces, which means exactly what it says.
 */

// Ends never spaces (JSX trims them) and no Unicode space anywhere (no guessing how JSX treats U+00A0).
const PLAIN_TEXT = /^[^{}<>&\s](?:(?:[^{}<>&\s]| )*[^{}<>&\s])?$/;
const PLAIN_ATTRIBUTE = /^[^"&{}<>\\\n\r\t]*$/;
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `JSON.stringify` is a valid JS string literal for every string (U+2028 is legal since ES2019). */
export const literal = (value: string): string => JSON.stringify(value);

/** A text child: plain when it is plain, `{"…"}` otherwise (also keeps leading/trailing spaces). */
export function jsxText(text: string): string {
  return PLAIN_TEXT.test(text) ? text : `{${literal(text)}}`;
}

export function jsxAttribute(name: string, value: string | number | true): string {
  if (value === true) return name;
  if (typeof value === "number") return `${name}={${value}}`;
  return PLAIN_ATTRIBUTE.test(value) ? `${name}="${value}"` : `${name}={${literal(value)}}`;
}

/** An object literal's key: bare when it is an identifier, quoted otherwise (`"--brand"`, `"data-x"`). */
export const objectKey = (key: string): string => (IDENTIFIER.test(key) ? key : literal(key));

export function objectLiteral(entries: [string, string | boolean][]): string {
  return `{ ${entries.map(([k, v]) => `${objectKey(k)}: ${typeof v === "boolean" ? String(v) : literal(v)}`).join(", ")} }`;
}

/** HTML collapses runs of whitespace into one space; JSX would drop them instead. */
export const collapseWhitespace = (text: string): string => text.replace(/[ \t\n\r\f]+/g, " ");

/** A URL that would run code when followed or loaded. */
export function isScriptUrl(value: string): boolean {
  // Browsers ignore control characters and spaces inside the scheme, so `java\tscript:` counts.
  // eslint-disable-next-line no-control-regex -- stripping exactly those characters
  const squeezed = value.replace(/[\u0000-\u0020\u007f]+/g, "").toLowerCase();
  return /^(javascript|vbscript|livescript):/.test(squeezed) || /^data:(text\/html|image\/svg\+xml|application\/xhtml)/.test(squeezed);
}

/** A template literal of `text` exactly (CSS or markup kept readable in the file; nothing interpolated). */
export const templateLiteral = (text: string): string => `\`${text.replace(/\\/g, "\\\\").replace(/`/g, "\\`").replace(/\$\{/g, "\\${")}\``;

/** `home` → `HomePage`, `pricing-plans` → `PricingPlansPage`. */
export function componentName(pageId: string): string {
  return `${pageId.split("-").map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join("")}Page`;
}
