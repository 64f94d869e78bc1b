// Checks on what the model returns, so a bad reply fails with a sentence instead of bad files.
import { AgentError } from "./io.mjs";

const text = (value, max) => typeof value === "string" && value.trim().length > 0 && value.length <= max;

function fail(what, why) {
  throw new AgentError(`The model's reply for ${what} was not usable: ${why}.`);
}

export function validateResearch(value) {
  if (!value || typeof value !== "object" || Array.isArray(value)) fail("research", "it is not an object");
  for (const field of ["offer", "audience", "tone"]) {
    if (!text(value[field], 400)) fail("research", `"${field}" is missing or not a short text`);
  }
  const proof = value.proofPoints;
  if (!Array.isArray(proof) || proof.length > 10 || !proof.every((p) => text(p, 300))) {
    fail("research", '"proofPoints" must be a list of up to 10 short texts');
  }
  return { offer: value.offer.trim(), audience: value.audience.trim(), proofPoints: proof.map((p) => p.trim()), tone: value.tone.trim() };
}

/** Hooks for exactly `numbers`, each with an angle, trigger, headline (≤ 90 chars) and primary text. */
export function validateHooks(value, numbers) {
  const list = Array.isArray(value) ? value : value?.hooks;
  if (!Array.isArray(list)) fail("hooks", "it is not a list of hooks");
  if (list.length !== numbers.length) fail("hooks", `it has ${list.length} hooks where ${numbers.length} were asked for`);
  return list.map((hook, i) => {
    for (const [field, max] of [["angle", 80], ["trigger", 60], ["headline", 90], ["primaryText", 600]]) {
      if (!text(hook?.[field], max)) fail("hooks", `hook ${numbers[i]} has no usable "${field}"`);
    }
    return {
      number: numbers[i],
      angle: hook.angle.trim(),
      trigger: hook.trigger.trim(),
      headline: hook.headline.trim(),
      primaryText: hook.primaryText.trim(),
    };
  });
}

/** No two hooks of the final set may share an angle or a trigger. */
export function checkDistinct(hooks, what) {
  for (const field of ["angle", "trigger"]) {
    const seen = new Set();
    for (const hook of hooks) {
      const key = hook[field].toLowerCase();
      if (seen.has(key)) fail(what, `two hooks share the ${field} "${hook[field]}"`);
      seen.add(key);
    }
  }
  return hooks;
}

/** One prompt per requested {hookNumber, size}, in that order. */
export function validatePrompts(value, wanted) {
  const list = Array.isArray(value) ? value : value?.prompts;
  if (!Array.isArray(list)) fail("image prompts", "it is not a list of prompts");
  return wanted.map(({ hookNumber, size }) => {
    const found = list.find((p) => p?.hookNumber === hookNumber && p?.size === size);
    if (!found || !text(found.prompt, 1500)) fail("image prompts", `no prompt for hook ${hookNumber} at ${size}`);
    return { hookNumber, size, prompt: found.prompt.trim() };
  });
}
