import { recordLedgerEntry, type LedgerWriter } from "@/server/usage/record";

/** What an app generation job is billed for: its stored ZIP's bytes, and its sandboxes' seconds. */
export type JobCost = { what: "zip"; bytes: number } | { what: "sandbox"; seconds: number; provider: string };

/**
 * One cost ledger row per job and kind, keyed by the job (never the run), so a retry or a rerun of the
 * run bills it once. Call it inside the transaction that records the state change the cost belongs to.
 */
export function recordJobCost(tx: LedgerWriter, job: { organizationId: string; projectId: string; jobId: string; runId: string }, cost: JobCost) {
  const scope = {
    organizationId: job.organizationId,
    projectId: job.projectId,
    runId: job.runId,
    dedupeKey: `appgen-job:${job.jobId}:${cost.what}`,
    feature: "app-generation" as const,
  };
  return recordLedgerEntry(
    tx,
    cost.what === "zip"
      ? { ...scope, kind: "STORAGE_BYTES", bytes: cost.bytes, provider: "storage" }
      : { ...scope, kind: "SANDBOX_SECONDS", seconds: cost.seconds, provider: cost.provider },
  );
}
