import { and, desc, eq } from "drizzle-orm";
import type { Db } from "@/server/db";
import { campaignRecords } from "@/server/db/schema";

export type CampaignRow = typeof campaignRecords.$inferSelect;

/** A project's campaign versions, newest first, scoped to the viewer's organization. */
export async function listProjectCampaigns(db: Db, opts: { organizationId: string; projectId: string }): Promise<CampaignRow[]> {
  return db
    .select()
    .from(campaignRecords)
    .where(and(eq(campaignRecords.organizationId, opts.organizationId), eq(campaignRecords.projectId, opts.projectId)))
    .orderBy(desc(campaignRecords.version));
}

export async function getProjectCampaign(
  db: Db,
  opts: { organizationId: string; projectId: string; campaignId: string },
): Promise<CampaignRow | null> {
  const [row] = await db
    .select()
    .from(campaignRecords)
    .where(
      and(
        eq(campaignRecords.organizationId, opts.organizationId),
        eq(campaignRecords.projectId, opts.projectId),
        eq(campaignRecords.id, opts.campaignId),
      ),
    );
  return row ?? null;
}

/** Every stored Facebook id of a campaign as labelled rows, in creation order. */
export function listFacebookIds(row: CampaignRow): { label: string; key: string; id: string }[] {
  const rows: { label: string; key: string; id: string }[] = [];
  if (row.fbCampaignId) rows.push({ label: "Campaign", key: "campaign", id: row.fbCampaignId });
  const groups: [string, Record<string, string>][] = [
    ["Ad set", row.fbAdSetIds],
    ["Image hash", row.fbImageHashes],
    ["Ad creative", row.fbCreativeIds],
    ["Ad", row.fbAdIds],
  ];
  for (const [label, map] of groups) {
    for (const key of Object.keys(map ?? {}).sort()) rows.push({ label, key, id: map[key]! });
  }
  return rows;
}
