import { and, eq, isNotNull, lt, or } from "drizzle-orm";
import type { Db } from "@/server/db";
import { optimizationActions } from "@/server/db/schema";
import type { OptimizationAction } from "./ledger";

// A claim whose run vanished (cancelled, crashed for good) may be taken over after this long: longer
// than one apply with its Graph calls (30 s each at most) can take.
export const APPLY_CLAIM_LEASE_MS = 10 * 60_000;

/** Another run holds the action: the step fails and is retried later, when that run finished or its lease ran out. */
export class ApplyInProgressError extends Error {
  constructor(actionId: string) {
    super(`Action ${actionId} is being applied by another run`);
    this.name = "ApplyInProgressError";
  }
}

/**
 * Claims the action for one apply run (compare-and-set): an autonomous proposal, or one a member
 * approved (decidedBy set: only the approve route sets it), moves to APPLYING under `runKey`. A retry
 * of the same run (same key) carries on from APPLYING, and the per-object compare makes that safe;
 * another run may take APPLYING over only once the lease is over, so two runs never write side by side.
 * Returns null when the action is not for applying (awaiting approval, decided, final).
 */
export async function claimForApply(
  db: Db,
  a: OptimizationAction,
  opts: { runKey: string; now?: Date },
): Promise<OptimizationAction | null> {
  const now = opts.now ?? new Date();
  const ready = a.requiresApproval
    ? and(eq(optimizationActions.status, "APPROVED"), isNotNull(optimizationActions.decidedBy))
    : eq(optimizationActions.status, "PROPOSED");
  const ours = and(
    eq(optimizationActions.status, "APPLYING"),
    or(eq(optimizationActions.applyClaimedBy, opts.runKey), lt(optimizationActions.applyClaimedAt, new Date(now.getTime() - APPLY_CLAIM_LEASE_MS))),
  );
  const [row] = await db
    .update(optimizationActions)
    .set({ status: "APPLYING", applyClaimedBy: opts.runKey, applyClaimedAt: now })
    .where(and(eq(optimizationActions.id, a.id), eq(optimizationActions.organizationId, a.organizationId), or(ready, ours)))
    .returning();
  if (row) return row;
  const [current] = await db.select({ status: optimizationActions.status }).from(optimizationActions).where(eq(optimizationActions.id, a.id));
  if (current?.status === "APPLYING") throw new ApplyInProgressError(a.id);
  return null;
}
