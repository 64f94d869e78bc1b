import { z } from "zod";
import type { CreativeStage } from "@/server/db/schema/creative";

const stageResult = z.object({
  stage: z.string(),
  files: z.array(z.string()),
  inputTokens: z.number().int().nonnegative().default(0),
  outputTokens: z.number().int().nonnegative().default(0),
  generator: z.enum(["offline", "anthropic"]),
});
export type StageResult = z.infer<typeof stageResult>;

export type ParsedStageOutput = { ok: true; result: StageResult } | { ok: false; error: string };

const TAIL_CHARS = 2000;

/**
 * The stage's own verdict from its last output line (the agent contract): `AIGENCY_RESULT {json}` on
 * success, `AIGENCY_ERROR <sentence>` on failure. Anything else is a failure in our words.
 */
export function parseStageOutput(stage: CreativeStage, output: string): ParsedStageOutput {
  const lines = output.trimEnd().split("\n");
  const last = (lines.at(-1) ?? "").trim();
  if (last.startsWith("AIGENCY_ERROR ")) return { ok: false, error: last.slice("AIGENCY_ERROR ".length).trim() || `The ${stage} stage failed` };
  if (last.startsWith("AIGENCY_RESULT ")) {
    let json: unknown;
    try {
      json = JSON.parse(last.slice("AIGENCY_RESULT ".length));
    } catch {
      return { ok: false, error: `The ${stage} stage printed a result that is not valid JSON` };
    }
    const parsed = stageResult.safeParse(json);
    if (!parsed.success) return { ok: false, error: `The ${stage} stage printed a result in the wrong shape` };
    if (parsed.data.stage !== stage) return { ok: false, error: `The ${stage} stage reported itself as "${parsed.data.stage}"` };
    if (parsed.data.files.some((f) => !/^out\/[\w./-]+$/.test(f) || f.includes(".."))) {
      return { ok: false, error: `The ${stage} stage listed a file outside out/` };
    }
    return { ok: true, result: parsed.data };
  }
  return { ok: false, error: `The ${stage} stage ended without reporting a result` };
}

/** The end of a stage's output, kept for the run's record with every secret value blanked out. */
export function redactedTail(output: string, secrets: (string | undefined)[]): string {
  // Blanked before cutting, so a secret that straddles the cut cannot leave a recognisable half.
  let text = output;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) text = text.split(secret).join("[redacted]");
  }
  // A key printed by something we did not write, in the usual Anthropic shape.
  return text.replace(/sk-ant-[\w-]+/g, "[redacted]").slice(-TAIL_CHARS);
}
