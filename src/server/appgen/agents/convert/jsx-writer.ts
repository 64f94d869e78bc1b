import { HTMLElement, NodeType, type Node } from "node-html-parser";
import { BLOCK_ELEMENTS, DROPPED_ELEMENTS, NO_WHITESPACE_CHILDREN, SVG_ELEMENTS, VOID_ELEMENTS, isInline, jsxTagFor } from "./elements";
import { noteDropped, type WriteContext } from "./context";
import { writeAttributes } from "./jsx-attributes";
import { collapseWhitespace, jsxText, literal } from "./jsx-text";

export interface Frame {
  tag: string;
  svg: boolean;
  pre: boolean;
  depth: number;
}

const MAX_DEPTH = 256;
const MAX_INDENT = 24;
const UNWRAPPED = new Set(["html", "head", "body"]);

const indent = (depth: number) => "  ".repeat(Math.min(depth, MAX_INDENT));
const isElement = (n: Node | undefined): n is HTMLElement => n?.nodeType === NodeType.ELEMENT_NODE;
const isBlock = (n: Node | undefined) => n === undefined || (isElement(n) && !isInline(n.rawTagName?.toLowerCase() ?? ""));

/** A stylesheet <link> becomes an @import of the page's CSS when it is a remote (https) one, e.g. web fonts. */
function liftStylesheet(el: HTMLElement, ctx: WriteContext) {
  const href = el.getAttribute("href") ?? "";
  if (/\bstylesheet\b/i.test(el.getAttribute("rel") ?? "") && /^https:\/\//i.test(href)) ctx.fontImports.push(href);
  else noteDropped(ctx, "<link>");
}

function writeText(nodes: Node[], i: number, frame: Frame): string | null {
  const decoded = nodes[i]!.text;
  if (/^\s*<[!?]/.test(nodes[i]!.rawText)) return null; // a doctype or XML declaration parsed as text
  if (frame.pre) return decoded === "" ? null : `{${literal(decoded)}}`;
  let text = collapseWhitespace(decoded);
  if (text.trim() === "") {
    if (NO_WHITESPACE_CHILDREN.has(frame.tag) || (frame.svg && !["text", "tspan", "textPath"].includes(frame.tag))) return null;
    return isBlock(nodes[i - 1]) || isBlock(nodes[i + 1]) ? null : `{" "}`;
  }
  if (isBlock(nodes[i - 1])) text = text.trimStart();
  if (isBlock(nodes[i + 1])) text = text.trimEnd();
  return jsxText(text);
}

/** Browsers put a table's bare rows into a <tbody>; React would report the markup as invalid without it. */
function withTableBodies(el: HTMLElement, nodes: Node[]): Node[] {
  const isRow = (n: Node) => isElement(n) && n.rawTagName?.toLowerCase() === "tr";
  if (el.rawTagName?.toLowerCase() !== "table" || !nodes.some(isRow)) return nodes;
  const out: Node[] = [];
  let body: HTMLElement | null = null;
  for (const n of nodes) {
    if (isRow(n) || (body && !isElement(n))) {
      if (!body) out.push((body = new HTMLElement("tbody", {}, "", null, [0, 0])));
      body.childNodes.push(n);
      continue;
    }
    body = null;
    out.push(n);
  }
  return out;
}

export function writeChildren(el: HTMLElement, frame: Frame, ctx: WriteContext): string[] {
  if (frame.depth > MAX_DEPTH) {
    noteDropped(ctx, `content nested deeper than ${MAX_DEPTH} levels`);
    return [];
  }
  const nodes = withTableBodies(el, el.childNodes.filter((n) => n.nodeType !== NodeType.COMMENT_NODE));
  const lines: string[] = [];
  nodes.forEach((node, i) => {
    if (isElement(node)) lines.push(...writeElement(node, frame, ctx));
    else if (node.nodeType === NodeType.TEXT_NODE) {
      const text = writeText(nodes, i, frame);
      if (text !== null) lines.push(indent(frame.depth) + text);
    }
  });
  return lines;
}

function chooseTag(el: HTMLElement, lower: string, parent: Frame, svg: boolean): string {
  const { tag } = jsxTagFor(el.rawTagName, isInline(parent.tag));
  if (svg && !jsxTagFor(el.rawTagName, false).known) return "g";
  // A <p> holding blocks is closed early by the browser; as a <div> it renders as written.
  if (tag === "p" && el.childNodes.some((c) => isElement(c) && BLOCK_ELEMENTS.has(c.rawTagName?.toLowerCase() ?? ""))) return "div";
  return tag;
}

export function writeElement(el: HTMLElement, parent: Frame, ctx: WriteContext): string[] {
  const lower = el.rawTagName?.toLowerCase() ?? "";
  const svg = parent.svg || lower === "svg";
  if (lower === "style") return void ctx.css.push(el.rawText), [];
  if (lower === "link") return liftStylesheet(el, ctx), [];
  if (DROPPED_ELEMENTS.has(lower) && !(svg && lower === "title")) return noteDropped(ctx, `<${lower}>`), [];
  if (UNWRAPPED.has(lower)) return writeChildren(el, { ...parent, tag: lower }, ctx);

  const tag = chooseTag(el, lower, parent, svg);
  // HTML pasted inside an <svg> keeps HTML's attribute rules; only SVG's own elements take SVG's.
  const { jsxTag, attributes, textValue } = writeAttributes(el, { tag, svg: svg && SVG_ELEMENTS.has(tag) }, ctx);
  const open = `${indent(parent.depth)}<${jsxTag}${attributes ? ` ${attributes}` : ""}`;
  if (VOID_ELEMENTS.has(tag) || textValue !== undefined) return [`${open} />`];
  const frame: Frame = { tag, svg: svg && lower !== "foreignobject", pre: parent.pre || tag === "pre", depth: parent.depth + 1 };
  const children = writeChildren(el, frame, ctx);
  if (children.length === 0) return [`${open} />`];
  // A lone short text child stays on the element's line, as a person would write it.
  const only = children.length === 1 ? children[0]!.trim() : "";
  if (only && !only.startsWith("<") && only.length <= 80) return [`${open}>${only}</${jsxTag}>`];
  return [`${open}>`, ...children, `${indent(parent.depth)}</${jsxTag}>`];
}
