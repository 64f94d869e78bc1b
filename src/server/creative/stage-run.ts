import { eq } from "drizzle-orm";
import type { Db } from "@/server/db";
import { creativeVersions } from "@/server/db/schema";
import type { CreativeStage, StageRecord } from "@/server/db/schema/creative";
import type { SandboxSessions } from "@/server/services/sandbox/types";
import { OVER_BUDGET_ERROR, STAGES, stageTimeout } from "./limits";
import { parseStageOutput, redactedTail } from "./stage-output";

export interface AgentEnv {
  ANTHROPIC_API_KEY?: string;
  ANTHROPIC_BASE_URL?: string;
  ANTHROPIC_MODEL: string;
}

export type StageOutcome =
  | { ok: true; stage: CreativeStage; files: string[]; inputTokens: number; outputTokens: number; generator: "offline" | "anthropic"; durationMs: number; tail: string }
  | { ok: false; stage: CreativeStage; error: string; tail: string };

/** Keeps `stages` in pipeline order, one record per stage, the newest replacing any earlier one. */
export async function recordStage(db: Db, versionId: string, record: StageRecord): Promise<void> {
  const [row] = await db.select({ stages: creativeVersions.stages }).from(creativeVersions).where(eq(creativeVersions.id, versionId));
  const stages = [...(row?.stages ?? []).filter((s) => s.stage !== record.stage), record].sort((a, b) => STAGES.indexOf(a.stage) - STAGES.indexOf(b.stage));
  await db.update(creativeVersions).set({ stages }).where(eq(creativeVersions.id, versionId));
}

/**
 * Runs one agent stage in the sandbox with min(its cap, the time left) as its timeout, the key in
 * the command's env only, and its verdict read from the last output line. The outcome (what a step
 * returns) holds only a redacted tail of the output, never the env.
 */
export async function runCreativeStage(
  deps: { db: Db; sessions: SandboxSessions },
  input: { versionId: string; sandboxId: string; stage: CreativeStage; startedAtMs: number; env: AgentEnv },
): Promise<StageOutcome> {
  const { stage } = input;
  const startedAt = new Date();
  const timeout = stageTimeout(stage, input.startedAtMs, startedAt.getTime());
  if (!timeout.ok) {
    await recordStage(deps.db, input.versionId, { stage, status: "failed", error: timeout.error });
    return { ok: false, stage, error: timeout.error, tail: "" };
  }
  await recordStage(deps.db, input.versionId, { stage, status: "running", startedAt: startedAt.toISOString() });
  const env = Object.fromEntries(Object.entries(input.env).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== ""));
  const ran = await deps.sessions.exec(input.sandboxId, { command: `node agent/main.mjs ${stage}`, timeoutSeconds: timeout.seconds, env });
  const tail = redactedTail(ran.output, [input.env.ANTHROPIC_API_KEY]);
  const finished = { startedAt: startedAt.toISOString(), finishedAt: new Date().toISOString(), durationMs: ran.durationMs };

  let error: string | null = null;
  const parsed = parseStageOutput(stage, ran.output);
  if (ran.timedOut) {
    error = timeout.limitedByBudget ? OVER_BUDGET_ERROR : `The ${stage} stage did not finish within ${timeout.seconds} seconds`;
  } else if (!parsed.ok) {
    error = ran.exitCode === 0 ? parsed.error : `The ${stage} stage failed (exit code ${ran.exitCode}): ${parsed.error}`;
  } else if (ran.exitCode !== 0) {
    error = `The ${stage} stage exited with code ${ran.exitCode}`;
  }
  if (error !== null || !parsed.ok) {
    const message = error ?? `The ${stage} stage failed`;
    await recordStage(deps.db, input.versionId, { stage, status: "failed", ...finished, error: message });
    return { ok: false, stage, error: message, tail };
  }
  const { files, inputTokens, outputTokens, generator } = parsed.result;
  await recordStage(deps.db, input.versionId, { stage, status: "done", ...finished, inputTokens, outputTokens });
  return { ok: true, stage, files, inputTokens, outputTokens, generator, durationMs: ran.durationMs, tail };
}
