import { and, eq } from "drizzle-orm";
import { describeActionStatus, explainStatus, groupByDay } from "@/components/optimization/describe-action";
import type { ActivityEntry } from "@/components/optimization/load-activity";
import { objectNamesFor } from "@/components/optimization/object-names";
import type { Db } from "@/server/db";
import { campaignRecords, optimizationActions } from "@/server/db/schema";
import { actionTitle } from "@/server/optimization/action-card";
import { getProject } from "@/server/projects/projects";
import { ledgerRows, toActivityEntry } from "./ledger-entries";

/** A ledger entry for the Activity tab: the timeline's entry plus its headline, status in words and campaign. */
export interface WorkspaceActivityEntry extends ActivityEntry {
  title: string;
  statusLabel: string;
  statusNote: string | null;
  campaignId: string;
  campaignName: string;
}

export interface ActivityDay {
  /** The ad account's day the agency decided on (YYYY-MM-DD). */
  day: string;
  entries: WorkspaceActivityEntry[];
}

/**
 * Everything the agency did or proposed for the project's campaigns (the optimisation ledger),
 * grouped by account day, newest first. Null for a missing or foreign project.
 */
export async function loadProjectActivity(db: Db, scope: { organizationId: string; projectId: string }): Promise<ActivityDay[] | null> {
  if (!(await getProject(db, scope.organizationId, scope.projectId))) return null;
  const [rows, records] = await Promise.all([
    ledgerRows(db, { organizationId: scope.organizationId, where: eq(optimizationActions.projectId, scope.projectId) }),
    db.select().from(campaignRecords).where(and(eq(campaignRecords.organizationId, scope.organizationId), eq(campaignRecords.projectId, scope.projectId))),
  ]);
  const campaigns = new Map(records.map((r) => [r.id, r]));
  const entries = rows.map((row): WorkspaceActivityEntry => {
    const record = campaigns.get(row.action.campaignId);
    const name = (record?.structure as { name?: unknown } | null)?.name;
    return {
      ...toActivityEntry(row, record ? objectNamesFor(record) : {}),
      title: actionTitle(row.action),
      statusLabel: describeActionStatus(row.action.status).label,
      statusNote: explainStatus(row.action.status),
      campaignId: row.action.campaignId,
      campaignName: typeof name === "string" && name ? name : "Campaign",
    };
  });
  return groupByDay(entries);
}
