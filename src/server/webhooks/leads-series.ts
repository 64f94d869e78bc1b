import { and, count, eq, isNotNull } from "drizzle-orm";
import type { Db } from "@/server/db";
import { facebookLeads } from "@/server/db/schema";

/** Leads stored for the campaign per ad-account day (matched ones: unmatched leads belong to nobody). */
export async function leadsPerDay(db: Db, opts: { organizationId: string; campaignId: string }): Promise<Map<string, number>> {
  const rows = await db
    .select({ day: facebookLeads.day, n: count() })
    .from(facebookLeads)
    .where(
      and(
        eq(facebookLeads.organizationId, opts.organizationId),
        eq(facebookLeads.campaignId, opts.campaignId),
        eq(facebookLeads.match, "MATCHED"),
        isNotNull(facebookLeads.day),
      ),
    )
    .groupBy(facebookLeads.day);
  return new Map(rows.map((r) => [r.day!, r.n]));
}

/** Only a lead campaign's results are its leads; a sales campaign's form answers are no sale. */
export function isLeadCampaign(structure: unknown): boolean {
  return (structure as { objective?: unknown } | null)?.objective === "OUTCOME_LEADS";
}

/**
 * A day's conversions for a lead campaign: the larger of what Facebook's insights counted and the
 * leads we stored. Insights already count instant-form leads as `lead` actions (with website leads),
 * so the stored leads are a subset of the same count and adding them would count each form lead
 * twice; the larger figure fills in a day whose insights lag behind the webhook. Insights attribute a
 * lead to the day of its impression, we to the day it was sent, so one lead near midnight can land
 * on different days and a total over days may then be one higher. Days without numbers pulled yet
 * are left out, as the series only shows pulled days.
 */
export function withLeadConversions<T extends { date: string; conversions: number }>(points: T[], leads: Map<string, number>): T[] {
  return points.map((p) => {
    const stored = leads.get(p.date) ?? 0;
    return stored > p.conversions ? { ...p, conversions: stored } : p;
  });
}

/** The series' conversions with leads counted, when the campaign is a lead campaign. */
export async function countLeadConversions<T extends { date: string; conversions: number }>(
  db: Db,
  record: { id: string; organizationId: string; structure: unknown },
  points: T[],
): Promise<T[]> {
  if (!isLeadCampaign(record.structure) || points.length === 0) return points;
  return withLeadConversions(points, await leadsPerDay(db, { organizationId: record.organizationId, campaignId: record.id }));
}
