import { and, asc, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "@/server/db";
import { campaignRecords, facebookConnections, projectBriefs } from "@/server/db/schema";
import { getBriefById, getLatestBrief, type ProjectBrief } from "@/server/onboarding/briefs";
import { convertMonthlyBudget, isKnownCurrency, type BudgetConversion } from "./currency";
import { projectBudgetUse, type ReplacedCampaign } from "./live-campaigns";
import { campaignPlanSchema, type CampaignPlan, type PlanningBrief } from "./plan-schema";
import { getCampaign } from "./records";

export type PlanTrigger =
  | { kind: "brief"; organizationId: string; projectId: string; userId: string }
  | { kind: "connection"; organizationId: string; userId: string; projectId?: string }
  | { kind: "changes"; organizationId: string; campaignId: string; userId: string; feedback: string }
  | { kind: "retry"; organizationId: string; campaignId: string; userId: string };

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
      /** The ad account's currency: the plan, its card and Graph all use it. */
      currency: string;
      conversion?: BudgetConversion;
      /** Set when the brief's currency cannot be converted: the owner is asked instead of planning. */
      currencyProblem?: string;
      replaces: ReplacedCampaign | null;
    };

type Ready = Extract<PlanningInputs, { ready: true }>;
type Gathered = Omit<Ready, "ready" | "brief" | "currency" | "conversion" | "currencyProblem" | "replaces"> & { brief: ProjectBrief };

export function toPlanningBrief(b: ProjectBrief): PlanningBrief {
  return {
    id: b.id,
    version: b.version,
    businessDescription: b.businessDescription,
    product: b.product,
    targetAudience: b.targetAudience,
    goal: b.goal,
    monthlyBudgetCents: b.monthlyBudgetCents,
    budgetCurrency: b.budgetCurrency,
    location: b.location,
    uniqueSellingPoint: b.uniqueSellingPoint,
    websiteUrl: b.websiteUrl,
  };
}

/** The user's own active connection, else the organization's oldest active one (ids only, never the token). */
async function findUsableConnection(db: Db, opts: { organizationId: string; userId: string }) {
  const rows = await db
    .select({ userId: facebookConnections.userId, adAccountId: facebookConnections.adAccountId, choices: facebookConnections.adAccountChoices })
    .from(facebookConnections)
    .where(and(eq(facebookConnections.organizationId, opts.organizationId), eq(facebookConnections.status, "ACTIVE")))
    .orderBy(asc(facebookConnections.createdAt));
  const usable = rows.filter((r): r is typeof r & { adAccountId: string } => Boolean(r.adAccountId));
  const found = usable.find((r) => r.userId === opts.userId) ?? usable[0];
  if (!found) return null;
  // Graph reports the account's currency when the owner picks it; USD is Graph's own default.
  const currency = found.choices.find((c) => c.id === found.adAccountId)?.currency ?? "USD";
  return { userId: found.userId, adAccountId: found.adAccountId, currency };
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
 * Plans in the ad account's currency: a brief budget in another currency is converted with the
 * committed rate table (the card states rate and original amount), or the owner is asked when we
 * have no rate. The project's other live campaigns lower the cap; the one this version replaces does not.
 */
async function finish(db: Db, g: Gathered, currency: string): Promise<Ready> {
  const base = toPlanningBrief(g.brief);
  const use = await projectBudgetUse(db, { organizationId: g.organizationId, projectId: g.projectId, currency, excludeId: g.previousVersionId });
  const out = { ...g, ready: true as const, currency, replaces: use.replaces };
  const brief = { ...base, budgetCurrency: currency, committedDailyCents: use.committedDailyCents };
  if (base.budgetCurrency === currency) return { ...out, brief };
  const conversion = isKnownCurrency(currency) ? convertMonthlyBudget({ cents: base.monthlyBudgetCents, from: base.budgetCurrency, to: currency }) : null;
  if (!conversion) {
    return {
      ...out,
      brief: base,
      currencyProblem:
        `Your budget is in ${base.budgetCurrency}, but your ad account pays in ${currency}, and I have no exchange rate between them. ` +
        `Edit the brief and give your budget in ${currency}, then try again.`,
    };
  }
  return { ...out, brief: { ...brief, monthlyBudgetCents: conversion.convertedMonthlyCents }, conversion };
}

/**
 * Gathers what a plan needs, whichever event arrived: the brief and a connected ad account. The
 * first of the two events finds one missing and stops; the second finds both.
 */
export async function loadPlanningInputs(db: Db, trigger: PlanTrigger): Promise<PlanningInputs> {
  const { organizationId } = trigger;
  if (trigger.kind === "retry") return loadRetryInputs(db, trigger);
  if (trigger.kind === "changes") {
    const previous = await getCampaign(db, { organizationId, campaignId: trigger.campaignId });
    if (!previous?.structure || !previous.connectionUserId || !previous.adAccountId) return { ready: false, reason: "previous plan not found" };
    const brief = previous.briefId
      ? await getBriefById(db, { organizationId, briefId: previous.briefId })
      : await getLatestBrief(db, { organizationId, projectId: previous.projectId });
    if (!brief) return { ready: false, reason: "brief not found" };
    return finish(
      db,
      {
        organizationId,
        projectId: previous.projectId,
        brief,
        sourceKey: `revise:${previous.id}`,
        ownerUserId: trigger.userId,
        connectionUserId: previous.connectionUserId,
        adAccountId: previous.adAccountId,
        previousVersionId: previous.id,
        previousPlan: campaignPlanSchema.parse(previous.structure),
        feedback: trigger.feedback,
      },
      previous.currency,
    );
  }
  const brief = trigger.projectId
    ? await getLatestBrief(db, { organizationId, projectId: trigger.projectId })
    : await findUnplannedBrief(db, organizationId);
  if (!brief) return { ready: false, reason: "waiting for the brief" };
  const connection = await findUsableConnection(db, { organizationId, userId: trigger.userId });
  if (!connection) return { ready: false, reason: "waiting for a connected ad account" };
  return finish(
    db,
    {
      organizationId,
      projectId: brief.projectId,
      brief,
      sourceKey: `brief:${brief.id}`,
      ownerUserId: brief.confirmedBy ?? trigger.userId,
      connectionUserId: connection.userId,
      adAccountId: connection.adAccountId,
    },
    connection.currency,
  );
}

/** "Try again" on a failed plan: the same source as the failed version, so its claim is taken over, not duplicated. */
async function loadRetryInputs(db: Db, trigger: Extract<PlanTrigger, { kind: "retry" }>): Promise<PlanningInputs> {
  const { organizationId } = trigger;
  const failed = await getCampaign(db, { organizationId, campaignId: trigger.campaignId });
  if (!failed || failed.status !== "GENERATION_FAILED") return { ready: false, reason: "no failed plan to retry" };
  const brief = failed.briefId ? await getBriefById(db, { organizationId, briefId: failed.briefId }) : null;
  if (!brief) return { ready: false, reason: "brief not found" };
  const previous = failed.previousVersionId ? await getCampaign(db, { organizationId, campaignId: failed.previousVersionId }) : null;
  const connection = await findUsableConnection(db, { organizationId, userId: failed.connectionUserId ?? trigger.userId });
  if (!connection) return { ready: false, reason: "waiting for a connected ad account" };
  return finish(
    db,
    {
      organizationId,
      projectId: failed.projectId,
      brief,
      sourceKey: failed.sourceKey,
      ownerUserId: failed.ownerUserId ?? trigger.userId,
      connectionUserId: connection.userId,
      adAccountId: connection.adAccountId,
      previousVersionId: previous?.id,
      previousPlan: previous?.structure ? campaignPlanSchema.parse(previous.structure) : undefined,
      feedback: failed.feedback ?? undefined,
    },
    previous?.currency ?? connection.currency,
  );
}
