// File and process plumbing shared by every stage. The agent runs with cwd = the version's work dir.
import { mkdir, readFile, readdir, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import process from "node:process";

/** A failure the owner can read: its message becomes the AIGENCY_ERROR sentence. */
export class AgentError extends Error {}

export const HOOK_COUNT_MAX = 10;
export const IMAGE_SIZES = ["1200x628", "1080x1080"];

export async function readInput() {
  let input;
  try {
    input = JSON.parse(await readFile("input.json", "utf8"));
  } catch {
    throw new AgentError("input.json is missing or is not valid JSON.");
  }
  if (typeof input.brandName !== "string" || input.brandName.trim() === "") {
    throw new AgentError("input.json has no brandName.");
  }
  if (!Number.isInteger(input.hookCount) || input.hookCount < 1 || input.hookCount > HOOK_COUNT_MAX) {
    throw new AgentError(`input.json hookCount must be a whole number from 1 to ${HOOK_COUNT_MAX}.`);
  }
  const plan = input.plan ?? {};
  return {
    ...input,
    feedback: typeof input.feedback === "string" ? input.feedback : null,
    plan: { research: plan.research !== false, hooks: plan.hooks ?? "all", images: plan.images ?? "all" },
  };
}

/** Reads out/<name> as JSON; `null` when it is absent (nothing to reuse). */
export async function readOutJson(name) {
  let text;
  try {
    text = await readFile(path.join("out", name), "utf8");
  } catch {
    return null;
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new AgentError(`out/${name} is not valid JSON.`);
  }
}

/** Writes out/<name> and returns its work-dir-relative path for the result line. */
export async function writeOut(name, content) {
  const file = path.join("out", name);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, content);
  return file.split(path.sep).join("/");
}

export const toJsonText = (value) => `${JSON.stringify(value, null, 2)}\n`;

/** The numbers a "all" | "none" | number[] selection picks out of 1..count. */
export function selectedNumbers(selection, count) {
  if (selection === "all") return range(count);
  if (selection === "none") return [];
  if (!Array.isArray(selection)) throw new AgentError("The plan's selection must be \"all\", \"none\" or a list of hook numbers.");
  return [...new Set(selection)].filter((n) => Number.isInteger(n) && n >= 1 && n <= count).sort((a, b) => a - b);
}

export const range = (count) => Array.from({ length: count }, (_, i) => i + 1);

function templateDir() {
  const dir = process.env.AIGENCY_TEMPLATE_DIR;
  if (!dir) throw new AgentError("AIGENCY_TEMPLATE_DIR is not set: the agent must run in a creative-agent sandbox.");
  return dir;
}

/** Packages come from the pre-built template, never from the uploaded agent folder. */
export function templateRequire() {
  return createRequire(path.join(templateDir(), "package.json"));
}

/** The template's rules/*.md, concatenated in name order (they steer the model). */
export async function readRules(names) {
  const dir = path.join(templateDir(), "rules");
  const available = new Set(await readdir(dir).catch(() => []));
  const texts = [];
  for (const name of names) {
    if (available.has(name)) texts.push(await readFile(path.join(dir, name), "utf8"));
  }
  return texts.join("\n\n");
}
