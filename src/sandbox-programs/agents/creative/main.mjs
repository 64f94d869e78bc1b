// Entry point: `node agent/main.mjs <stage>`. Runs one stage and ends with one machine-readable line.
import process from "node:process";
import { AgentError, readInput } from "./io.mjs";
import { runHooks } from "./hooks.mjs";
import { runImages } from "./images.mjs";
import { runImagePrompts } from "./prompts.mjs";
import { runResearch } from "./research.mjs";

const STAGES = { research: runResearch, hooks: runHooks, "image-prompts": runImagePrompts, images: runImages };

function printLine(line) {
  process.stdout.write(`${line}\n`);
}

// One sentence, and never the key, even if a library echoed it into an error.
function plainSentence(error) {
  const raw = error instanceof AgentError ? error.message : `The agent failed unexpectedly: ${error?.message ?? error}`;
  const key = process.env.ANTHROPIC_API_KEY;
  const scrubbed = key ? raw.split(key).join("[redacted]") : raw;
  return scrubbed.replace(/\s+/g, " ").trim();
}

async function main() {
  const stage = process.argv[2];
  const run = STAGES[stage];
  if (!run) throw new AgentError(`Unknown stage "${stage}": use research, hooks, image-prompts or images.`);
  const input = await readInput();
  const outcome = await run(input);
  const result = {
    stage,
    files: outcome.files,
    inputTokens: outcome.inputTokens ?? 0,
    outputTokens: outcome.outputTokens ?? 0,
    generator: outcome.generator,
  };
  printLine(`AIGENCY_RESULT ${JSON.stringify(result)}`);
}

main().catch((error) => {
  printLine(`AIGENCY_ERROR ${plainSentence(error)}`);
  process.exitCode = 1;
});
