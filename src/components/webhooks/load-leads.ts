import { and, desc, eq } from "drizzle-orm";
import type { Db } from "@/server/db";
import { campaignRecords, facebookLeads } from "@/server/db/schema";
import { adHeadline, leadContact } from "@/server/webhooks/leads-words";

export interface LeadRow {
  id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  at: Date | null;
  /** The ad's headline from the plan, when it is one of the campaign's ads. */
  ad: string | null;
  /** Answers beyond name and contact (custom questions), as the form asked them. */
  otherAnswers: { question: string; answer: string }[];
  /** Why the answers are missing, when they are. */
  missing: string | null;
}

const CONTACT_FIELDS = new Set(["full_name", "first_name", "last_name", "email", "work_email", "phone_number"]);
const asQuestion = (name: string) => name.replace(/[_?]+/g, " ").trim().replace(/^./, (c) => c.toUpperCase());

/**
 * The campaign's leads, newest first, for its page. Scoped to the viewer's organization twice (the
 * campaign and each lead): another organization's campaign or leads read as none.
 */
export async function loadCampaignLeads(db: Db, opts: { organizationId: string; campaignId: string; limit?: number }): Promise<LeadRow[]> {
  const [campaign] = await db
    .select({ structure: campaignRecords.structure, fbAdIds: campaignRecords.fbAdIds })
    .from(campaignRecords)
    .where(and(eq(campaignRecords.organizationId, opts.organizationId), eq(campaignRecords.id, opts.campaignId)));
  if (!campaign) return [];
  const rows = await db
    .select()
    .from(facebookLeads)
    .where(and(eq(facebookLeads.organizationId, opts.organizationId), eq(facebookLeads.campaignId, opts.campaignId), eq(facebookLeads.match, "MATCHED")))
    .orderBy(desc(facebookLeads.leadCreatedAt))
    .limit(opts.limit ?? 100);
  return rows.map((r) => ({
    id: r.id,
    ...leadContact(r.fieldData),
    at: r.leadCreatedAt,
    ad: adHeadline(campaign, r.adId ?? undefined),
    otherAnswers: r.fieldData.filter((f) => !CONTACT_FIELDS.has(f.name)).map((f) => ({ question: asQuestion(f.name), answer: f.values.join(", ") })),
    missing: r.fieldData.length === 0 ? r.unmatchedReason : null,
  }));
}
