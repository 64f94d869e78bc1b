import { parse, valid } from "node-html-parser";
import { PREVIEW_MAX_BYTES } from "@/server/appgen/spec";

/**
 * What a preview must be to be shown and later turned into a page: a whole HTML document whose
 * styles sit in a <style> in <head>, with no scripts of any kind. The iframe's empty sandbox would
 * stop scripts anyway; refusing them here keeps them out of the spec the page agents read.
 */
export function previewHtmlProblem(html: string): string | null {
  if (Buffer.byteLength(html, "utf8") > PREVIEW_MAX_BYTES) return `is larger than ${PREVIEW_MAX_BYTES / 1000} kB`;
  if (!/^\s*<!doctype html>/i.test(html)) return "must start with <!doctype html>";
  if (!valid(html)) return "is not well-formed HTML (an element is left open or closed twice)";
  const root = parse(html, { comment: false });
  const head = root.querySelector("head");
  if (!head || !root.querySelector("body")) return "needs a <head> and a <body>";
  if (!head.querySelector("style")) return "needs its styles in a <style> inside <head>";
  if (root.querySelector("script") || /<script\b/i.test(html)) return "may not contain scripts";
  const handler = root.querySelectorAll("*").find((el) => Object.keys(el.attributes).some((a) => /^on/i.test(a)));
  if (handler) return `may not carry event handlers (<${handler.rawTagName} ${Object.keys(handler.attributes).find((a) => /^on/i.test(a))}>)`;
  if (/\bjavascript:/i.test(html)) return "may not use javascript: URLs";
  return null;
}

/** The data-action names the preview's forms carry, in document order, each once. */
export function formActionsOf(html: string): string[] {
  const names = parse(html).querySelectorAll("form[data-action]").map((f) => f.getAttribute("data-action") ?? "");
  return [...new Set(names.filter(Boolean))];
}
