/**
 * Copy the offline demo model writes the way a person would: whole words, whole sentences where
 * they fit, inside Facebook's lengths. Nothing here cuts a word in half.
 */

// Words a shortened phrase must not end on ("Bread for", "Candles and").
const DANGLING = /\s+(?:a|an|the|and|or|of|for|to|with|in|on|at|by|from|your|our|my|that|which|who|—|-|&)$/i;

/** The longest run of whole words that fits, without a dangling connector; `null` if not even one word fits. */
export function fitWords(text: string, max: number): string | null {
  const clean = text.replace(/\s+/g, " ").trim();
  if (clean.length <= max) return clean;
  let cut = clean.slice(0, max + 1);
  cut = cut.slice(0, Math.max(0, cut.lastIndexOf(" "))).replace(/[\s,;:.-]+$/, "");
  while (DANGLING.test(cut)) cut = cut.replace(DANGLING, "");
  return cut.length ? cut : null;
}

/** Whole sentences that fit; else whole words closed with an ellipsis (after a complete word). */
export function fitSentences(text: string, max: number): string {
  const clean = text.replace(/\s+/g, " ").trim();
  if (clean.length <= max) return clean;
  const sentences = clean.match(/[^.!?]+[.!?]+(?:\s|$)/g) ?? [];
  let out = "";
  for (const s of sentences) {
    if ((out + s).trim().length > max) break;
    out += s;
  }
  if (out.trim()) return out.trim();
  return `${fitWords(clean, max - 1) ?? ""}…`;
}

/** "A weekly sourdough bread subscription delivered to your door" → "Weekly sourdough bread subscription". */
export function shortProductName(product: string, max: number): string {
  const core = product
    .replace(/^(?:a|an|the|our|my)\s+/i, "")
    .split(/\s+(?:delivered|made|for|with|that|which|who|from|in|to)\s+|[,.;:(]/i)[0]!
    .trim();
  const fitted = fitWords(core, max) ?? fitWords(product, max) ?? product.split(/\s+/)[0]!;
  return fitted.charAt(0).toUpperCase() + fitted.slice(1);
}

/** The first headline that fits whole; the product name alone when none does. */
export function pickHeadline(candidates: string[], fallback: string, max: number): string {
  return candidates.find((c) => c.length <= max) ?? fitWords(fallback, max) ?? fallback.slice(0, max);
}

