// Stage "image-prompts": one prompt per hook and size. plan.images as a list redoes only those hooks;
// entries for the other hooks are kept as they are in out/image-prompts.json.
import { readResearch } from "./hooks.mjs";
import { AgentError, IMAGE_SIZES, readOutJson, readRules, selectedNumbers, toJsonText, writeOut } from "./io.mjs";
import { askModelForJson, hasModel } from "./model.mjs";
import { validatePrompts } from "./validate.mjs";

const SIZE_LABEL = { "1200x628": "a 1200×628 landscape feed image", "1080x1080": "a 1080×1080 square feed image" };

export async function readHooks() {
  const hooks = await readOutJson("hooks.json");
  if (!Array.isArray(hooks) || hooks.length === 0) {
    throw new AgentError("out/hooks.json is missing: the hooks stage must run (or be reused) first.");
  }
  return hooks;
}

/** The hook numbers whose visuals this run redoes, out of the hooks that exist. */
export function hookNumbersToRedo(plan, hooks) {
  const existing = hooks.map((hook) => hook.number);
  return selectedNumbers(plan.images, Math.max(...existing)).filter((n) => existing.includes(n));
}

function offlinePrompt({ hook, size, research, brandName }) {
  const [main, accent = main] = research.colours;
  return [
    `Advertising visual for ${brandName}, ${SIZE_LABEL[size]}.`,
    `A clean, flat composition on a ${main} background with ${accent} accents, matching a ${research.tone} brand voice.`,
    `Mood: ${hook.trigger} (${hook.angle.toLowerCase()}).`,
    `Leave clear space for the headline "${hook.headline}" and the brand name; no other text, no other brands' logos.`,
  ].join(" ");
}

async function promptsFromModel({ wanted, hooks, research, brandName }) {
  const rules = await readRules(["images.md", "brand-voice.md"]);
  const system = `Task: image-prompts.\nYou write image-generation prompts for ${brandName}'s ads. Answer with JSON only:
{"prompts":[{"hookNumber":number,"size":"1200x628"|"1080x1080","prompt":string}]}, one per requested pair.\n\n${rules}`;
  const user = [
    `Research: ${JSON.stringify(research)}`,
    `Hooks: ${JSON.stringify(hooks.filter((hook) => wanted.some((w) => w.hookNumber === hook.number)))}`,
    `Write prompts for: ${wanted.map((w) => `hook ${w.hookNumber} at ${w.size}`).join(", ")}.`,
  ].join("\n");
  const answer = await askModelForJson({ what: "image prompts", system, user, validate: (v) => validatePrompts(v, wanted) });
  return { prompts: answer.value, inputTokens: answer.inputTokens, outputTokens: answer.outputTokens };
}

export async function runImagePrompts(input) {
  const research = await readResearch();
  const hooks = await readHooks();
  const redo = hookNumbersToRedo(input.plan, hooks);
  const existing = (await readOutJson("image-prompts.json")) ?? [];
  if (!Array.isArray(existing)) throw new AgentError("out/image-prompts.json is not a list of prompts.");
  const wanted = redo.flatMap((hookNumber) => IMAGE_SIZES.map((size) => ({ hookNumber, size })));
  let fresh;
  let usage = { inputTokens: 0, outputTokens: 0 };
  if (hasModel() && wanted.length > 0) {
    ({ prompts: fresh, ...usage } = await promptsFromModel({ wanted, hooks, research, brandName: input.brandName }));
  } else {
    const hookOf = (n) => hooks.find((hook) => hook.number === n);
    fresh = wanted.map(({ hookNumber, size }) => ({
      hookNumber,
      size,
      prompt: offlinePrompt({ hook: hookOf(hookNumber), size, research, brandName: input.brandName }),
    }));
  }
  // Kept: entries of hooks that still exist and are not redone now, untouched.
  const live = new Set(hooks.map((hook) => hook.number));
  const kept = existing.filter((entry) => live.has(entry.hookNumber) && !redo.includes(entry.hookNumber));
  const order = (a, b) => a.hookNumber - b.hookNumber || IMAGE_SIZES.indexOf(a.size) - IMAGE_SIZES.indexOf(b.size);
  const prompts = [...kept, ...fresh].sort(order);
  const files = [await writeOut("image-prompts.json", toJsonText(prompts))];
  return { files, ...usage, generator: hasModel() ? "anthropic" : "offline" };
}
