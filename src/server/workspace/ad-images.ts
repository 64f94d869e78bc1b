import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/server/db";
import { campaignRecords } from "@/server/db/schema";
import { adKey, campaignPlanSchema } from "@/server/campaigns/plan-schema";

export type ProjectCampaign = Pick<typeof campaignRecords.$inferSelect, "id" | "organizationId" | "structure" | "currency" | "fbImageHashes" | "approvedAt" | "createdAt">;

/** One deployed ad's picture, listed as an IMAGE artifact (deploy keeps the PNG but writes no artifact row). */
export interface AdImage {
  id: string;
  campaignId: string;
  title: string;
  caption: string;
  createdAt: Date;
  /** Storage key; stays on the server, never in an answer. */
  storagePath: string;
}

/**
 * A stable UUID (version 8, RFC 9562's "custom") for a campaign's ad picture, so it has an id like
 * any artifact, routes check it with `isUuid`, and the same picture keeps the same id.
 */
export function adImageId(campaignId: string, key: string): string {
  const h = createHash("sha256").update(`aigency-ad-image:${campaignId}:${key}`).digest("hex");
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The project's campaigns, scoped to the organization (plans give names, currencies and ad pictures). */
export function projectCampaigns(db: Db, scope: { organizationId: string; projectId: string }): Promise<ProjectCampaign[]> {
  return db
    .select({
      id: campaignRecords.id,
      organizationId: campaignRecords.organizationId,
      structure: campaignRecords.structure,
      currency: campaignRecords.currency,
      fbImageHashes: campaignRecords.fbImageHashes,
      approvedAt: campaignRecords.approvedAt,
      createdAt: campaignRecords.createdAt,
    })
    .from(campaignRecords)
    .where(and(eq(campaignRecords.organizationId, scope.organizationId), eq(campaignRecords.projectId, scope.projectId)));
}

/** Every ad picture deploy uploaded (an image hash is stored only after the PNG was kept in storage). */
export function adImagesOf(campaigns: ProjectCampaign[]): AdImage[] {
  return campaigns.flatMap((record) => {
    const plan = campaignPlanSchema.safeParse(record.structure);
    if (!plan.success) return [];
    return plan.data.adSets.flatMap((set, i) =>
      set.ads.flatMap((ad, j) => {
        const key = adKey(i, j);
        if (!record.fbImageHashes[key]) return [];
        return [{
          id: adImageId(record.id, key),
          campaignId: record.id,
          title: `Ad picture: ${ad.headline || ad.name}`,
          caption: `${plan.data.name}, audience "${set.name}": ${ad.headline}`,
          createdAt: record.approvedAt ?? record.createdAt,
          storagePath: `${record.organizationId}/campaigns/${record.id}/${key}.png`,
        }];
      }),
    );
  });
}
