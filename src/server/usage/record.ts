import type { Db } from "@/server/db/client";
import { usageLedger } from "@/server/db/schema";
import { computeCostMicroUsd } from "@/server/services/llm/pricing";
import type { UsageFeature } from "./features";
import { emailCostMicroUsd, sandboxCostMicroUsd, storageCostMicroUsd } from "./prices";

interface Scope {
  organizationId: string;
  projectId?: string | null;
  runId: string;
  /** Entity-scoped and stable across retries and reruns (never contains the run id). */
  dedupeKey: string;
  feature: UsageFeature;
  /** When the cost was incurred; defaults to now. */
  occurredAt?: Date;
}

export type LedgerEntry = Scope &
  (
    | { kind: "SANDBOX_SECONDS"; seconds: number; provider: string }
    | { kind: "STORAGE_BYTES"; bytes: number; provider: string }
    | { kind: "EMAIL"; count: number; provider: string }
    /** Client ad money moved by an applied action, in micro-units of the ad account currency; may be negative. */
    | { kind: "AD_SPEND_DELTA"; deltaMicros: number; provider: string }
    /** Tokens a model spent outside the app's LLM service (inside a sandbox), reported back with the result. */
    | { kind: "MODEL_TOKENS"; model: string; inputTokens: number; outputTokens: number; provider: string }
  );

function modelColumns(entry: LedgerEntry) {
  if (entry.kind !== "MODEL_TOKENS") return {};
  return { model: entry.model, inputTokens: entry.inputTokens, outputTokens: entry.outputTokens };
}

function priced(entry: LedgerEntry): { quantity: number; costMicroUsd: number; sandboxSeconds: number } {
  switch (entry.kind) {
    case "SANDBOX_SECONDS":
      return {
        quantity: Math.round(entry.seconds),
        costMicroUsd: sandboxCostMicroUsd(entry.seconds),
        sandboxSeconds: entry.seconds,
      };
    case "STORAGE_BYTES":
      return { quantity: entry.bytes, costMicroUsd: storageCostMicroUsd(entry.bytes), sandboxSeconds: 0 };
    case "EMAIL":
      return { quantity: entry.count, costMicroUsd: emailCostMicroUsd(entry.count), sandboxSeconds: 0 };
    case "AD_SPEND_DELTA":
      // The client's money, not the agency's cost.
      return { quantity: entry.deltaMicros, costMicroUsd: 0, sandboxSeconds: 0 };
    case "MODEL_TOKENS": {
      const tokens = { inputTokens: entry.inputTokens, outputTokens: entry.outputTokens };
      return { quantity: tokens.inputTokens + tokens.outputTokens, costMicroUsd: computeCostMicroUsd(entry.model, tokens), sandboxSeconds: 0 };
    }
  }
}

/** A database or a transaction: a cost is recorded in the same transaction as the state change it belongs to. */
export type LedgerWriter = Db | Parameters<Parameters<Db["transaction"]>[0]>[0];

/** Records one non-model ledger row; returns false when its dedupeKey was already recorded (retry or rerun). */
export async function recordLedgerEntry(db: LedgerWriter, entry: LedgerEntry): Promise<boolean> {
  const inserted = await db
    .insert(usageLedger)
    .values({
      organizationId: entry.organizationId,
      projectId: entry.projectId ?? null,
      runId: entry.runId,
      dedupeKey: entry.dedupeKey,
      feature: entry.feature,
      kind: entry.kind,
      provider: entry.provider,
      ...priced(entry),
      ...modelColumns(entry),
      ...(entry.occurredAt ? { createdAt: entry.occurredAt } : {}),
    })
    .onConflictDoNothing({ target: usageLedger.dedupeKey })
    .returning({ id: usageLedger.id });
  return inserted.length > 0;
}
