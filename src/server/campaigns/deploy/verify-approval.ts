import { and, eq } from "drizzle-orm";
import type { Db } from "@/server/db";
import { campaignRecords } from "@/server/db/schema";
import { getBriefById } from "@/server/onboarding/briefs";
import { isOrgMember } from "../approval";
import { campaignPlanSchema } from "../plan-schema";
import { getCampaign } from "../records";

export type VerifiedDeployment =
  | { ok: false; reason: string }
  | { ok: true; name: string; link: string; adsPerSet: number[]; alreadyActive: boolean };

/**
 * The last gate before Facebook: the event alone is never trusted. The stored row must be this
 * version, approved by the same user, who must still be a member of the owning organization.
 * Moves APPROVED → DEPLOYING so the UI can show the deployment started.
 */
export async function verifyApproval(
  db: Db,
  data: { organizationId: string; campaignId: string; version: number; approvedBy: string },
): Promise<VerifiedDeployment> {
  const record = await getCampaign(db, { organizationId: data.organizationId, campaignId: data.campaignId });
  if (!record) return { ok: false, reason: "campaign not found in this organization" };
  if (record.version !== data.version) return { ok: false, reason: `event names version ${data.version}, record is version ${record.version}` };
  if (!["APPROVED", "DEPLOYING", "ACTIVE"].includes(record.status)) return { ok: false, reason: `status ${record.status} is not approved` };
  if (!record.approvedBy || record.approvedBy !== data.approvedBy) return { ok: false, reason: "no matching approval recorded" };
  if (!(await isOrgMember(db, { organizationId: record.organizationId, userId: record.approvedBy }))) {
    return { ok: false, reason: "the approver is not a member of the owning organization" };
  }
  const plan = campaignPlanSchema.parse(record.structure);
  const brief = record.briefId ? await getBriefById(db, { organizationId: record.organizationId, briefId: record.briefId }) : null;
  if (!brief) return { ok: false, reason: "the brief this plan was made from is gone" };
  await db
    .update(campaignRecords)
    .set({ status: "DEPLOYING" })
    .where(and(eq(campaignRecords.id, record.id), eq(campaignRecords.status, "APPROVED")));
  return {
    ok: true,
    name: plan.name,
    link: brief.websiteUrl,
    adsPerSet: plan.adSets.map((s) => s.ads.length),
    alreadyActive: record.status === "ACTIVE",
  };
}
