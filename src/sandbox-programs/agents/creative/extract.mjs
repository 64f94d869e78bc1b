// Pulls plain facts out of the brand page: what it sells, for whom, its proof, its colours, its voice.
import { coloursFromPage } from "./colours.mjs";

const HIDDEN = "script,style,noscript,template,svg,iframe,head";
const PRICE = /(?:[$£€¥]\s?\d[\d,.]*|\d[\d,.]*\s?(?:USD|EUR|GBP|€|kr)\b|\d+\s?% off|\bsave (?:up to )?\d+\s?%|\bfree (?:trial|shipping|delivery)\b)/i;
const PROOF = /(\b\d[\d,.]*\+?\s*(?:years?|customers?|clients?|users?|reviews?|orders?|stars?|countries|families|people|teams|businesses|%)|\b(?:rated|trusted by|award|since \d{4}|★|⭐))/i;
const TESTIMONIAL_SELECTOR = "blockquote, q, [class*=testimonial], [class*=review], [class*=quote]";
const sentencesCap = 200;

const clean = (text) => text.replace(/\s+/g, " ").trim();

function sentencesOf(text) {
  return text
    .split(/(?<=[.!?])\s+|\n+/)
    .map(clean)
    .filter((s) => s.length >= 8 && s.length <= 240)
    .slice(0, sentencesCap);
}

function unique(list, limit) {
  const seen = new Set();
  const kept = [];
  for (const item of list) {
    const key = item.toLowerCase();
    if (!item || seen.has(key)) continue;
    seen.add(key);
    kept.push(item);
    if (kept.length === limit) break;
  }
  return kept;
}

// A coarse reading of the voice from the words the page itself uses.
function toneOf(text) {
  const lower = text.toLowerCase();
  const count = (words) => words.reduce((n, w) => n + (lower.split(w).length - 1), 0);
  const scores = [
    ["premium and refined", count(["luxury", "premium", "crafted", "exclusive", "finest", "artisan"])],
    ["playful and upbeat", count(["fun", "love", "yay", "awesome", "!"]) / 2],
    ["warm and caring", count(["care", "family", "together", "comfort", "gentle", "home"])],
    ["confident and expert", count(["expert", "professional", "proven", "guarantee", "certified", "results"])],
  ];
  const [best, score] = scores.reduce((a, b) => (b[1] > a[1] ? b : a));
  return score > 0 ? best : "plain and friendly";
}

/** `root` is a node-html-parser root; `linkedCss` the texts of stylesheets the page links to. */
export function extractFacts(root, { linkedCss = [] } = {}) {
  const title = clean(root.querySelector("title")?.text ?? "");
  const meta = (name) => root.querySelector(`meta[name="${name}"], meta[property="${name}"]`)?.getAttribute("content") ?? "";
  const description = clean(meta("description") || meta("og:description"));
  const cssTexts = [
    ...root.querySelectorAll("style").map((node) => node.text),
    ...root.querySelectorAll("[style]").map((node) => node.getAttribute("style") ?? ""),
    ...linkedCss,
  ];
  const colours = coloursFromPage({ themeColor: meta("theme-color"), cssTexts });
  const testimonials = unique(
    root.querySelectorAll(TESTIMONIAL_SELECTOR).map((node) => clean(node.text)).filter((t) => t.length >= 12 && t.length <= 300),
    5,
  );
  root.querySelectorAll(HIDDEN).forEach((node) => node.remove());
  const headings = unique(root.querySelectorAll("h1, h2, h3").map((node) => clean(node.text)), 12);
  const body = root.querySelector("body") ?? root;
  const text = body.structuredText;
  const sentences = sentencesOf(text);
  const offers = unique(sentences.filter((s) => PRICE.test(s)), 5);
  const proof = unique(sentences.filter((s) => PROOF.test(s) && !offers.includes(s)), 6);
  return { title, description, headings, text: clean(text), offers, proof, testimonials, colours, tone: toneOf(text) };
}

/** Stylesheet URLs the page links to, resolved against the page URL (same origin only). */
export function linkedStylesheets(root, pageUrl, limit = 2) {
  const origin = new URL(pageUrl).origin;
  return root
    .querySelectorAll('link[rel~="stylesheet"]')
    .map((node) => {
      try {
        return new URL(node.getAttribute("href") ?? "", pageUrl);
      } catch {
        return null;
      }
    })
    .filter((url) => url && url.origin === origin)
    .slice(0, limit)
    .map((url) => url.href);
}
