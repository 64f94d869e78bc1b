import { and, eq } from "drizzle-orm";
import type { Db } from "@/server/db";
import { campaignRecords, optimizationActions } from "@/server/db/schema";
import { ledgerRows, toActivityEntry } from "@/server/workspace/ledger-entries";
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
  /** A headline for the entry (the workspace panel's); the kind's description when absent. */
  title?: string;
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
  const rows = await ledgerRows(db, { organizationId: opts.organizationId, where: eq(optimizationActions.campaignId, opts.campaignId) });
  const names = objectNamesFor(record);
  return rows.map((row) => toActivityEntry(row, names));
}
