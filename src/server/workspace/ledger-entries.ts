import { and, desc, eq, type SQL } from "drizzle-orm";
import type { ActivityEntry } from "@/components/optimization/load-activity";
import { describeChanges } from "@/components/optimization/describe-action";
import type { Db } from "@/server/db";
import { optimizationActions, users } from "@/server/db/schema";
import type { OptimizationAction } from "@/server/optimization/ledger";

/**
 * Ledger rows of one organization, newest first, with who decided; `where` narrows them to a
 * campaign or a project. Shared by the campaign page's timeline and the workspace's Activity tab.
 */
export async function ledgerRows(db: Db, opts: { organizationId: string; where: SQL }) {
  return db
    .select({ action: optimizationActions, decidedByName: users.name })
    .from(optimizationActions)
    .leftJoin(users, eq(users.id, optimizationActions.decidedBy))
    .where(and(eq(optimizationActions.organizationId, opts.organizationId), opts.where))
    .orderBy(desc(optimizationActions.createdAt), desc(optimizationActions.id));
}

/** One ledger row in words: statuses, money and the owner's names for Facebook objects. */
export function toActivityEntry(row: { action: OptimizationAction; decidedByName: string | null }, names: Record<string, string>): ActivityEntry {
  const a = row.action;
  return {
    id: a.id,
    kind: a.kind,
    status: a.status,
    requiresApproval: a.requiresApproval,
    reason: a.reason,
    projectedEffect: a.projectedEffect,
    changes: describeChanges(a.before, a.after, { currency: a.currency, names }),
    outcome: a.outcome,
    snapshotDate: a.snapshotDate,
    createdAt: a.createdAt,
    decidedByName: row.decidedByName ?? null,
    decidedAt: a.decidedAt,
    appliedAt: a.appliedAt,
    impactSummary: a.impact?.summary ?? null,
  };
}
