import type { HTMLElement } from "node-html-parser";
import { convertAttribute } from "./attributes";
import { styleToObject } from "./css";
import { jsxAttribute, literal, objectKey, objectLiteral, isScriptUrl } from "./jsx-text";
import { noteDropped, type WriteContext } from "./context";
import { internalRoute } from "./links";

const URL_ATTRIBUTES = new Set(["href", "src", "srcset", "action", "formaction", "xlink:href", "poster", "cite", "background", "ping", "data", "manifest"]);

interface Written {
  /** `Link` for internal links, else the tag. */
  jsxTag: string;
  attributes: string;
  /** A textarea's content, rendered as its `defaultValue`. */
  textValue?: string;
}

/** The value a `<select>` starts with: its first `selected` option's. React sets it on the select, not the option. */
function selectedValue(select: HTMLElement): string | undefined {
  const option = select.querySelectorAll("option").find((o) => o.hasAttribute("selected"));
  return option ? (option.getAttribute("value") ?? option.text.trim()) : undefined;
}

/** `style="…"` as a typed style prop, or null when it declares nothing. */
export function styleAttribute(value: string, ctx: Pick<WriteContext, "uses">): string | null {
  const entries = Object.entries(styleToObject(value));
  if (entries.length === 0) return null;
  ctx.uses.cssProperties = true;
  // Cast: csstype has no custom properties (`--brand`) and no vendor names it does not list.
  return `style={{ ${entries.map(([k, v]) => `${objectKey(k)}: ${literal(v)}`).join(", ")} } as CSSProperties}`;
}

/** The element's attributes as JSX: typed ones written out, the rest through one untyped spread. */
export function writeAttributes(el: HTMLElement, at: { tag: string; svg: boolean }, ctx: WriteContext): Written {
  const { tag } = at;
  const written: string[] = [];
  const spread: [string, string | boolean][] = [];
  const href = tag === "a" ? internalRoute(el.getAttribute("href") ?? "", ctx.routes) : null;
  const action = tag === "form" ? ctx.formAction(el) : null;
  if (href) ctx.uses.link = true;

  for (const [rawName, value] of Object.entries(el.attributes)) {
    const lower = rawName.toLowerCase();
    if (lower.startsWith("on")) {
      noteDropped(ctx, "on* event handlers");
      continue;
    }
    if (URL_ATTRIBUTES.has(lower) && isScriptUrl(value)) {
      noteDropped(ctx, "javascript: URLs");
      continue;
    }
    if (lower === "style") {
      const style = styleAttribute(value, ctx);
      if (style) written.push(style);
      continue;
    }
    if (href && lower === "href") continue;
    if (action && ["action", "method"].includes(lower)) continue;
    if (tag === "option" && lower === "selected") continue;
    // Uncontrolled fields: `value`/`checked` without an onChange would make React warn and freeze them.
    if (tag === "input" && lower === "value") {
      written.push(jsxAttribute("defaultValue", value));
      continue;
    }
    if (tag === "input" && lower === "checked") {
      written.push("defaultChecked");
      continue;
    }
    const converted = convertAttribute(tag, rawName, value, at.svg);
    if (converted.kind === "jsx") written.push(jsxAttribute(converted.name, converted.value));
    else if (converted.kind === "spread") spread.push([converted.name, converted.value]);
  }

  if (href) written.unshift(jsxAttribute("href", href));
  if (action) written.push('method="post"', jsxAttribute("action", `/api/actions/${action}`));
  let textValue: string | undefined;
  if (tag === "select" && !el.hasAttribute("multiple")) {
    const selected = selectedValue(el);
    if (selected !== undefined) written.push(jsxAttribute("defaultValue", selected));
  }
  if (tag === "textarea") {
    textValue = el.text.replace(/^\r?\n/, "");
    if (textValue) written.push(`defaultValue={${literal(textValue)}}`);
  }
  if (spread.length) written.push(`{...(${objectLiteral(spread)} as object)}`);
  return { jsxTag: href ? "Link" : tag, attributes: written.join(" "), textValue };
}
