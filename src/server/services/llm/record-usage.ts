import type { Db } from "@/server/db/client";
import { usageLedger } from "@/server/db/schema";
import type { TokenUsage, UsageContext } from "./types";

/** Writes one ledger row; a retried step reuses its dedupeKey, so it never bills twice. */
export async function recordUsage(
  db: Db,
  input: { context: UsageContext; provider: "anthropic" | "offline"; usage: TokenUsage },
): Promise<void> {
  const { context, provider, usage } = input;
  await db
    .insert(usageLedger)
    .values({
      organizationId: context.organizationId,
      projectId: context.projectId ?? null,
      feature: context.feature,
      runId: context.runId,
      dedupeKey: context.dedupeKey,
      provider,
      kind: "MODEL_TOKENS",
      quantity: usage.inputTokens + usage.outputTokens,
      model: usage.model,
      inputTokens: usage.inputTokens,
      outputTokens: usage.outputTokens,
      costMicroUsd: usage.costMicroUsd,
    })
    .onConflictDoNothing({ target: usageLedger.dedupeKey });
}
