import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/server/db";
import { creativeSessions, creativeVersions } from "@/server/db/schema";
import { computeCostMicroUsd } from "@/server/services/llm/pricing";
import { recordLedgerEntry, type LedgerWriter } from "@/server/usage/record";
import {
  OVER_BUDGET_ERROR,
  SANDBOX_MICROS_PER_SECOND,
  VERSION_BUDGET_MS,
} from "./limits";

export interface VersionUsage {
  model: string;
  inputTokens: number;
  outputTokens: number;
  generator: "offline" | "anthropic" | null;
  /** Sandbox life, create to delete. */
  sandboxSeconds: number;
}

/** Model tokens at the pricing table's rate plus sandbox seconds at the documented rate, in millionths of a dollar. */
export function versionCostMicros(usage: VersionUsage): number {
  const tokens = computeCostMicroUsd(usage.model, {
    inputTokens: usage.inputTokens,
    outputTokens: usage.outputTokens,
  });
  return tokens + Math.round(usage.sandboxSeconds * SANDBOX_MICROS_PER_SECOND);
}

const UNFINISHED = ["QUEUED", "RUNNING"] as const;

/** The organization and project a version's costs are billed to. */
async function versionOwner(db: LedgerWriter, versionId: string) {
  const [row] = await db
    .select({ organizationId: creativeVersions.organizationId, projectId: creativeSessions.projectId })
    .from(creativeVersions)
    .innerJoin(creativeSessions, eq(creativeSessions.id, creativeVersions.sessionId))
    .where(eq(creativeVersions.id, versionId));
  return row;
}

/**
 * The version's sandbox seconds on the cost ledger. Keyed by version, not run: a retried step or a rerun bills
 * once, and the completion and failure paths share the key so a version is never billed on both. Written in
 * the transaction that ends the version: a version never ends without its row (a retry would find it ended).
 */
async function recordVersionSandbox(
  db: LedgerWriter,
  input: { versionId: string; runId: string; seconds: number },
): Promise<void> {
  if (input.seconds <= 0) return;
  const row = await versionOwner(db, input.versionId);
  if (!row) return;
  await recordLedgerEntry(db, {
    ...row,
    runId: input.runId,
    dedupeKey: `creative-version:${input.versionId}:sandbox`,
    feature: "creative",
    kind: "SANDBOX_SECONDS",
    seconds: input.seconds,
    provider: "sandbox",
  });
}

/**
 * The version's model tokens, spent by the agent program inside the sandbox (not through the app's LLM
 * service, which records its own calls): one row per version, in the same transaction, same key rule.
 */
async function recordVersionTokens(db: LedgerWriter, input: { versionId: string; runId: string; usage: VersionUsage }): Promise<void> {
  const { usage } = input;
  if (usage.inputTokens + usage.outputTokens <= 0) return;
  const row = await versionOwner(db, input.versionId);
  if (!row) return;
  await recordLedgerEntry(db, {
    ...row,
    runId: input.runId,
    dedupeKey: `creative-version:${input.versionId}:model`,
    feature: "creative",
    kind: "MODEL_TOKENS",
    model: usage.model,
    inputTokens: usage.inputTokens,
    outputTokens: usage.outputTokens,
    provider: usage.generator ?? "offline",
  });
}

/** RUNNING → COMPLETED with cost and duration; false when the version had already ended (cancelled meanwhile). */
export async function completeCreativeVersion(
  db: Db,
  input: { versionId: string; runId: string; usage: VersionUsage },
): Promise<{ completed: boolean; version: number | null }> {
  const [row] = await db
    .select()
    .from(creativeVersions)
    .where(eq(creativeVersions.id, input.versionId));
  if (!row) return { completed: false, version: null };
  const finishedAt = new Date();
  const { usage } = input;
  const done = await db.transaction(async (tx) => {
    const ended = await tx
      .update(creativeVersions)
      .set({
        status: "COMPLETED",
        generator: usage.generator,
        inputTokens: usage.inputTokens,
        outputTokens: usage.outputTokens,
        sandboxSeconds: usage.sandboxSeconds,
        costMicros: versionCostMicros(usage),
        finishedAt,
        durationMs: row.startedAt
          ? finishedAt.getTime() - row.startedAt.getTime()
          : null,
      })
      .where(
        and(
          eq(creativeVersions.id, input.versionId),
          eq(creativeVersions.status, "RUNNING"),
        ),
      )
      .returning({ id: creativeVersions.id });
    if (ended.length === 1) {
      await recordVersionSandbox(tx, {
        versionId: input.versionId,
        runId: input.runId,
        seconds: usage.sandboxSeconds,
      });
      await recordVersionTokens(tx, { versionId: input.versionId, runId: input.runId, usage });
    }
    return ended;
  });
  return { completed: done.length === 1, version: row.version };
}

/** Any unfinished version → FAILED with the error; a version that already ended keeps its outcome. */
export async function failCreativeVersion(
  db: Db,
  input: {
    versionId: string;
    runId: string;
    error: string;
    sandboxSeconds?: number;
    costMicros?: number;
  },
): Promise<{ failed: boolean; version: number | null }> {
  const [row] = await db
    .select()
    .from(creativeVersions)
    .where(eq(creativeVersions.id, input.versionId));
  if (!row) return { failed: false, version: null };
  const finishedAt = new Date();
  const done = await db.transaction(async (tx) => {
    const ended = await tx
      .update(creativeVersions)
      .set({
        status: "FAILED",
        error: input.error,
        finishedAt,
        durationMs: row.startedAt
          ? finishedAt.getTime() - row.startedAt.getTime()
          : null,
        ...(input.sandboxSeconds !== undefined
          ? { sandboxSeconds: input.sandboxSeconds }
          : {}),
        ...(input.costMicros !== undefined
          ? { costMicros: input.costMicros }
          : {}),
      })
      .where(
        and(
          eq(creativeVersions.id, input.versionId),
          inArray(creativeVersions.status, [...UNFINISHED]),
        ),
      )
      .returning({ id: creativeVersions.id });
    if (ended.length === 1 && input.sandboxSeconds) {
      await recordVersionSandbox(tx, {
        versionId: input.versionId,
        runId: input.runId,
        seconds: input.sandboxSeconds,
      });
    }
    return ended;
  });
  return { failed: done.length === 1, version: row.version };
}

/** Why the engine stopped a run: past the version's budget, or someone asked. */
export async function cancellationReason(
  db: Db,
  versionId: string,
  nowMs = Date.now(),
): Promise<string> {
  const [row] = await db
    .select({ startedAt: creativeVersions.startedAt })
    .from(creativeVersions)
    .where(eq(creativeVersions.id, versionId));
  const overBudget =
    row?.startedAt && nowMs - row.startedAt.getTime() >= VERSION_BUDGET_MS;
  return overBudget ? OVER_BUDGET_ERROR : "The version was cancelled";
}
