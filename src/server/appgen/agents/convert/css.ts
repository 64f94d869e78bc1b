import postcss, { type AtRule, type Container, type Rule } from "postcss";

/**
 * A preview's CSS, kept but scoped to its page: every selector is put under the page's wrapper class,
 * and `html`/`body`/`:root` become the wrapper itself, so a pasted page's `body { background }` or
 * `* { margin: 0 }` cannot restyle the shared nav, the footer or another page. postcss parses it (a
 * real CSS parser: comments, strings, `url(data:…;…)`, nested at-rules); CSS it cannot parse is dropped.
 */

const DOCUMENT_ROOT = /^(?:html\s*(?:>\s*)?body|html|body|:root)(?![\w-])/i;
/** At-rules whose inner rules are not selectors (keyframe steps, font descriptors). */
const NOT_SELECTORS = new Set(["keyframes", "-webkit-keyframes", "-moz-keyframes", "font-face", "page", "counter-style", "property", "font-feature-values"]);

export function scopeSelector(selector: string, scope: string): string {
  const trimmed = selector.trim();
  if (DOCUMENT_ROOT.test(trimmed)) return trimmed.replace(DOCUMENT_ROOT, scope);
  return `${scope} ${trimmed}`;
}

function insideNonSelectorAtRule(rule: Rule): boolean {
  for (let node: Container | undefined = rule.parent; node && node.type !== "root"; node = node.parent as Container | undefined) {
    if (node.type === "atrule" && NOT_SELECTORS.has((node as AtRule).name.toLowerCase())) return true;
  }
  return false;
}

/** Pasted CSS is often cut short (`.x { color: red;`): closing what was left open usually saves the rest. */
function parseLeniently(css: string): postcss.Root | null {
  try {
    return postcss.parse(css);
  } catch {
    const open = (css.match(/{/g) ?? []).length - (css.match(/}/g) ?? []).length;
    const comment = (css.match(/\/\*/g) ?? []).length > (css.match(/\*\//g) ?? []).length ? "*/" : "";
    try {
      return postcss.parse(`${css}${comment}${"}".repeat(Math.max(0, open))}`);
    } catch {
      return null;
    }
  }
}

/** Scoped CSS for `.scopeClass`, or null when the CSS does not parse. Remote @imports stay (fonts); others go. */
export function scopeCss(css: string, scopeClass: string): string | null {
  const root = parseLeniently(css);
  if (!root) return null;
  const scope = `.${scopeClass}`;
  root.walkComments((c) => void c.remove());
  root.walkAtRules("import", (rule) => {
    if (!/^(url\()?\s*["']?https:\/\//i.test(rule.params)) rule.remove();
  });
  root.walkRules((rule) => {
    if (insideNonSelectorAtRule(rule)) return;
    rule.selectors = rule.selectors.map((s) => scopeSelector(s, scope));
  });
  return root.toString().trim();
}

/** `font-size` → `fontSize`, `-webkit-box-shadow` → `WebkitBoxShadow`, `-ms-x` → `msX`, `--brand` unchanged. */
export function cssPropertyToJs(property: string): string {
  if (property.startsWith("--")) return property;
  const lower = property.toLowerCase();
  const unprefixed = lower.startsWith("-ms-") ? lower.slice(1) : lower;
  return unprefixed.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** An inline `style="…"` as a React style object; `!important` is dropped (React cannot set it). */
export function styleToObject(style: string): Record<string, string> {
  let root: postcss.Root;
  try {
    root = postcss.parse(`x{${style}}`);
  } catch {
    return {};
  }
  const object: Record<string, string> = {};
  // Only the first rule's declarations: a `}` inside the attribute must not smuggle in a second rule.
  const first = root.first;
  if (first?.type !== "rule") return object;
  first.each((decl) => {
    if (decl.type !== "decl") return;
    if (decl.value.trim() === "") return;
    object[cssPropertyToJs(decl.prop)] = decl.value.trim();
  });
  return object;
}
