// Deterministic hooks from research.json and the owner's feedback (no model): same inputs, same bytes.
import { HOOK_ANGLES } from "./hook-angles.mjs";

const DEAL = /(?:[$£€¥]\s?\d[\d,.]*(?:\s?\/\s?\w+)?|\d[\d,.]*\s?(?:USD|EUR|GBP|€|kr)\b|\d+\s?% off|\bsave (?:up to )?\d+\s?%|\bfree (?:trial|shipping|delivery)\b)/i;
const HEADLINE_MAX = 90;

/** What the feedback asks for, read from plain words; unknown feedback changes nothing offline. */
export function feedbackIntents(feedback) {
  const text = (feedback ?? "").toLowerCase();
  return {
    emotional: /emotion|feel|heart|passion|moving|punchier|stronger|bolder/.test(text),
    shorter: /short|concise|brief|fewer words|less text/.test(text),
    urgent: /urgen|hurry|scarcity|right now|act now/.test(text),
  };
}

function clip(text, max) {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), max / 2)).replace(/[\s,;:.—-]+$/, "")}…`;
}

function placeholders(research, brandName) {
  const offer = /[.!?]$/.test(research.offer) ? research.offer : `${research.offer}.`;
  const proof = research.proofPoints[0] ?? `${brandName} is built on what its customers say.`;
  const audience = research.audience.replace(/^People (?:looking for|who)\b.*$/i, "people").replace(/^./, (c) => c.toLowerCase());
  return {
    brand: brandName,
    offer: clip(offer, 160),
    deal: research.offer.match(DEAL)?.[0] ?? `${brandName}'s offer`,
    proof: clip(/[.!?\u201d"]$/.test(proof) ? proof : `${proof}.`, 160),
    audience: clip(audience, 40),
  };
}

const fill = (template, values) => template.replace(/\{(\w+)\}/g, (_, key) => values[key] ?? "");
const firstSentence = (text) => text.match(/^.*?[.!?](?=\s|$)/)?.[0] ?? text;

/**
 * Hook `number` for this brand. `previous` is the hook being rewritten (if any): a rewrite never
 * returns the same headline, so asking for hook 2 again always gives a new hook 2.
 */
export function offlineHook({ number, research, brandName, intents, previous }) {
  const spec = HOOK_ANGLES[(number - 1) % HOOK_ANGLES.length];
  const values = placeholders(research, brandName);
  const candidates = (intents.emotional ? [...spec.moving, ...spec.calm] : [...spec.calm, ...spec.moving]).map((t) =>
    clip(fill(t, values), HEADLINE_MAX),
  );
  const headline = candidates.find((c) => c !== previous?.headline) ?? candidates[0];
  let primaryText = fill(spec.body, values);
  if (intents.shorter) primaryText = firstSentence(primaryText);
  if (intents.emotional) primaryText = `${spec.feel} ${primaryText}`;
  if (intents.urgent) primaryText = `${primaryText} Act now, before it's gone.`;
  if (primaryText === previous?.primaryText && headline === previous?.headline) primaryText = `${primaryText} ${spec.feel}`;
  return { number, angle: spec.angle, trigger: spec.trigger, headline, primaryText };
}
