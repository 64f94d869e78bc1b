import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/server/db";
import { campaignRecords, optimizationActions } from "@/server/db/schema";
import type { OurObject } from "./our-objects";

// Facebook reports an object once it leaves IN_PROCESS after an edit: a few minutes after our write,
// and our own clock may stand a little after Facebook's (we stamp after Graph answered).
export const OWN_WRITE_BEFORE_MS = 60 * 60_000;
export const OWN_WRITE_AFTER_MS = 10 * 60_000;

// While these stand the agency itself builds or removes the campaign's objects.
const BUILDING = new Set(["APPROVED", "DEPLOYING", "DEPLOY_FAILED"]);
const REMOVING = new Set(["CLEANING_UP", "CLEANED_UP"]);

const near = (write: Date | null | undefined, at: Date) =>
  !!write && write.getTime() >= at.getTime() - OWN_WRITE_BEFORE_MS && write.getTime() <= at.getTime() + OWN_WRITE_AFTER_MS;

/**
 * Whether one of the agency's own writes explains a status Facebook reported, so it is not "a
 * person did it": deploy builds ad sets and ads ACTIVE and the campaign PAUSED until it switches it
 * on (`activatedAt`); cleanup deletes; pause-replaced-campaign pauses the version it replaces (its
 * claim stamps the time before the Graph call); an optimisation action APPLIED or APPLYING that sets
 * the object to that very status, written near the report's time. Its times are compared on both the
 * wall clock (claim, row update) and the account's clock (applied at), which a simulated account moves.
 */
export async function explainedByUs(db: Db, opts: { object: OurObject; status: string; at: Date }): Promise<string | null> {
  const { object: o, status, at } = opts;
  const { record } = o;
  if (BUILDING.has(record.status) && (status === "ACTIVE" ? o.objectType !== "campaign" : status === "PAUSED" && o.objectType === "campaign")) {
    return "deploy";
  }
  if (REMOVING.has(record.status) && (status === "DELETED" || status === "ARCHIVED")) return "cleanup";
  if (o.objectType === "campaign" && status === "ACTIVE" && near(record.activatedAt, at)) return "deploy-activation";
  if (o.objectType === "campaign" && status === "PAUSED") {
    const replacers = await db
      .select({ claimedAt: campaignRecords.pauseClaimedAt })
      .from(campaignRecords)
      .where(and(eq(campaignRecords.organizationId, record.organizationId), eq(campaignRecords.replacesCampaignId, record.id)));
    if (replacers.some((r) => near(r.claimedAt, at))) return "pause-replaced-campaign";
  }
  if (status !== "ACTIVE" && status !== "PAUSED") return null;
  const actions = await db
    .select({ appliedAt: optimizationActions.appliedAt, claimedAt: optimizationActions.applyClaimedAt, updatedAt: optimizationActions.updatedAt })
    .from(optimizationActions)
    .where(
      and(
        eq(optimizationActions.organizationId, record.organizationId),
        eq(optimizationActions.campaignId, record.id),
        inArray(optimizationActions.status, ["APPLIED", "APPLYING"]),
        sql`${optimizationActions.after} -> 'statuses' ->> ${o.objectId} = ${status}`,
      ),
    );
  return actions.some((a) => near(a.appliedAt, at) || near(a.claimedAt, at) || near(a.updatedAt, at)) ? "optimization-action" : null;
}
