// Stage "hooks": N hooks, each a different angle and emotional trigger. A list in plan.hooks rewrites
// only those numbers; every other hook is carried over from out/hooks.json exactly as it was.
import { AgentError, range, readOutJson, readRules, selectedNumbers, toJsonText, writeOut } from "./io.mjs";
import { askModelForJson, hasModel } from "./model.mjs";
import { feedbackIntents, offlineHook } from "./offline-hooks.mjs";
import { OFFLINE_LABEL } from "./offline-research.mjs";
import { checkDistinct, validateHooks } from "./validate.mjs";

export async function readResearch() {
  const research = await readOutJson("research.json");
  if (!research) throw new AgentError("out/research.json is missing: the research stage must run (or be reused) first.");
  return research;
}

// Which hooks to write now: the plan's list, plus any the existing file lacks (a larger hookCount).
function numbersToWrite(plan, existing, count) {
  if (!existing || plan.hooks === "all") return range(count);
  const missing = range(count).filter((n) => !existing.some((hook) => hook.number === n));
  return [...new Set([...selectedNumbers(plan.hooks, count), ...missing])].sort((a, b) => a - b);
}

async function hooksFromModel({ input, research, numbers, kept, existing }) {
  const rules = await readRules(["hooks.md", "brand-voice.md"]);
  const system = `Task: hooks.\nYou write ad hooks for ${input.brandName}. Answer with JSON only:
{"hooks":[{"angle":string,"trigger":string,"headline":string,"primaryText":string}]}, one per requested number, in order.\n\n${rules}`;
  const user = [
    `Research: ${JSON.stringify(research)}`,
    `Owner feedback: ${input.feedback ?? "none"}`,
    `Write hooks number ${numbers.join(", ")} (${numbers.length} in total).`,
    kept.length ? `Keep clear of these hooks' angles and triggers: ${JSON.stringify(kept)}` : "",
    existing.length ? `The hooks being rewritten were: ${JSON.stringify(existing)}` : "",
  ].filter(Boolean).join("\n");
  const answer = await askModelForJson({ what: "hooks", system, user, validate: (value) => validateHooks(value, numbers) });
  return { hooks: answer.value, inputTokens: answer.inputTokens, outputTokens: answer.outputTokens };
}

function hooksMarkdown(hooks, { brandName, feedback, generatorLine }) {
  const lines = [`# Hooks: ${brandName}`, "", `Generator: ${generatorLine}`];
  if (feedback) lines.push(`Feedback applied: ${feedback}`);
  for (const hook of hooks) {
    lines.push("", `## Hook ${hook.number}: ${hook.angle} (${hook.trigger})`, "", `**${hook.headline}**`, "", hook.primaryText);
  }
  return `${lines.join("\n")}\n`;
}

export async function runHooks(input) {
  const research = await readResearch();
  const existing = await readOutJson("hooks.json");
  if (existing !== null && !Array.isArray(existing)) throw new AgentError("out/hooks.json is not a list of hooks.");
  const numbers = numbersToWrite(input.plan, existing, input.hookCount);
  const previousOf = (n) => existing?.find((hook) => hook.number === n);
  const kept = range(input.hookCount).filter((n) => !numbers.includes(n)).map(previousOf);
  let fresh;
  let usage = { inputTokens: 0, outputTokens: 0 };
  if (hasModel() && numbers.length > 0) {
    const rewritten = numbers.map(previousOf).filter(Boolean);
    ({ hooks: fresh, ...usage } = await hooksFromModel({ input, research, numbers, kept, existing: rewritten }));
  } else {
    const intents = feedbackIntents(input.feedback);
    fresh = numbers.map((number) =>
      offlineHook({ number, research, brandName: input.brandName, intents, previous: previousOf(number) }),
    );
  }
  const hooks = checkDistinct([...kept, ...fresh].sort((a, b) => a.number - b.number), "hooks");
  const generatorLine = hasModel() ? "anthropic (model)" : OFFLINE_LABEL;
  const files = [
    await writeOut("hooks.json", toJsonText(hooks)),
    await writeOut("hooks.md", hooksMarkdown(hooks, { brandName: input.brandName, feedback: input.feedback, generatorLine })),
  ];
  return { files, ...usage, generator: hasModel() ? "anthropic" : "offline" };
}
