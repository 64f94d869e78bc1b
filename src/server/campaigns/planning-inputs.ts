import { and, asc, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "@/server/db";
import { campaignRecords, facebookConnections, projectBriefs } from "@/server/db/schema";
import { getBriefById, getLatestBrief, type ProjectBrief } from "@/server/onboarding/briefs";
import { campaignPlanSchema, type CampaignPlan, type PlanningBrief } from "./plan-schema";
import { getCampaign } from "./records";

export type PlanTrigger =
  | { kind: "brief"; organizationId: string; projectId: string; userId: string }
  | { kind: "connection"; organizationId: string; userId: string; projectId?: string }
  | { kind: "changes"; organizationId: string; campaignId: string; userId: string; feedback: string };

export type PlanningInputs =
  | { ready: false; reason: string }
  | {
      ready: true;
      organizationId: string;
      projectId: string;
      brief: PlanningBrief;
      sourceKey: string;
      ownerUserId: string;
      connectionUserId: string;
      adAccountId: string;
      previousVersionId?: string;
      previousPlan?: CampaignPlan;
      feedback?: string;
    };

export function toPlanningBrief(b: ProjectBrief): PlanningBrief {
  return {
    id: b.id,
    version: b.version,
    businessDescription: b.businessDescription,
    product: b.product,
    targetAudience: b.targetAudience,
    goal: b.goal,
    monthlyBudgetCents: b.monthlyBudgetCents,
    location: b.location,
    uniqueSellingPoint: b.uniqueSellingPoint,
    websiteUrl: b.websiteUrl,
  };
}

/** The user's own active connection, else the organization's oldest active one (ids only, never the token). */
async function findUsableConnection(db: Db, opts: { organizationId: string; userId: string }) {
  const rows = await db
    .select({ userId: facebookConnections.userId, adAccountId: facebookConnections.adAccountId })
    .from(facebookConnections)
    .where(and(eq(facebookConnections.organizationId, opts.organizationId), eq(facebookConnections.status, "ACTIVE")))
    .orderBy(asc(facebookConnections.createdAt));
  const usable = rows.filter((r): r is { userId: string; adAccountId: string } => Boolean(r.adAccountId));
  return usable.find((r) => r.userId === opts.userId) ?? usable[0] ?? null;
}

/** A connection event may not name a project: plan the org's newest brief that has no plan yet. */
async function findUnplannedBrief(db: Db, organizationId: string) {
  const [row] = await db
    .select({ brief: projectBriefs })
    .from(projectBriefs)
    .leftJoin(campaignRecords, eq(campaignRecords.projectId, projectBriefs.projectId))
    .where(and(eq(projectBriefs.organizationId, organizationId), isNull(campaignRecords.id)))
    .orderBy(desc(projectBriefs.createdAt))
    .limit(1);
  return row?.brief ?? null;
}

/**
 * Gathers what a plan needs, whichever event arrived: the brief and a connected ad account. The
 * first of the two events finds one missing and stops; the second finds both.
 */
export async function loadPlanningInputs(db: Db, trigger: PlanTrigger): Promise<PlanningInputs> {
  const { organizationId } = trigger;
  if (trigger.kind === "changes") {
    const previous = await getCampaign(db, { organizationId, campaignId: trigger.campaignId });
    if (!previous?.structure || !previous.connectionUserId || !previous.adAccountId) return { ready: false, reason: "previous plan not found" };
    const brief = previous.briefId
      ? await getBriefById(db, { organizationId, briefId: previous.briefId })
      : await getLatestBrief(db, { organizationId, projectId: previous.projectId });
    if (!brief) return { ready: false, reason: "brief not found" };
    return {
      ready: true,
      organizationId,
      projectId: previous.projectId,
      brief: toPlanningBrief(brief),
      sourceKey: `revise:${previous.id}`,
      ownerUserId: trigger.userId,
      connectionUserId: previous.connectionUserId,
      adAccountId: previous.adAccountId,
      previousVersionId: previous.id,
      previousPlan: campaignPlanSchema.parse(previous.structure),
      feedback: trigger.feedback,
    };
  }
  const brief = trigger.projectId
    ? await getLatestBrief(db, { organizationId, projectId: trigger.projectId })
    : await findUnplannedBrief(db, organizationId);
  if (!brief) return { ready: false, reason: "waiting for the brief" };
  const connection = await findUsableConnection(db, { organizationId, userId: trigger.userId });
  if (!connection) return { ready: false, reason: "waiting for a connected ad account" };
  return {
    ready: true,
    organizationId,
    projectId: brief.projectId,
    brief: toPlanningBrief(brief),
    sourceKey: `brief:${brief.id}`,
    ownerUserId: brief.confirmedBy ?? trigger.userId,
    connectionUserId: connection.userId,
    adAccountId: connection.adAccountId,
  };
}
