import { and, desc, eq } from "drizzle-orm";
import type { Db } from "@/server/db";
import { campaignRecords, optimizationActions, users } from "@/server/db/schema";
import { describeChanges } from "./describe-action";
import { objectNamesFor } from "./object-names";

/** One ledger entry as the activity timeline shows it: statuses, money and names already in words. */
export interface ActivityEntry {
  id: string;
  kind: string;
  status: string;
  requiresApproval: boolean;
  reason: string;
  projectedEffect: string | null;
  changes: string[];
  outcome: string | null;
  snapshotDate: string;
  createdAt: Date;
  decidedByName: string | null;
  decidedAt: Date | null;
  appliedAt: Date | null;
  impactSummary: string | null;
}

/**
 * The campaign's optimisation ledger, newest first. Scoped to the viewer's organization: another
 * organization's campaign reads as absent (null), like a missing one.
 */
export async function loadCampaignActivity(db: Db, opts: { organizationId: string; campaignId: string }): Promise<ActivityEntry[] | null> {
  const [record] = await db
    .select()
    .from(campaignRecords)
    .where(and(eq(campaignRecords.organizationId, opts.organizationId), eq(campaignRecords.id, opts.campaignId)));
  if (!record) return null;
  const rows = await db
    .select({ action: optimizationActions, decidedByName: users.name })
    .from(optimizationActions)
    .leftJoin(users, eq(users.id, optimizationActions.decidedBy))
    .where(and(eq(optimizationActions.organizationId, opts.organizationId), eq(optimizationActions.campaignId, opts.campaignId)))
    .orderBy(desc(optimizationActions.createdAt), desc(optimizationActions.id));
  const names = objectNamesFor(record);
  return rows.map(({ action: a, decidedByName }) => ({
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
    decidedByName: decidedByName ?? null,
    decidedAt: a.decidedAt,
    appliedAt: a.appliedAt,
    impactSummary: a.impact?.summary ?? null,
  }));
}
