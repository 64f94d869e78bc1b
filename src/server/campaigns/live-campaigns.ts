import { and, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/server/db";
import { campaignRecords } from "@/server/db/schema";
import { convertCents } from "./currency";

// Statuses whose budget is (or is about to be) spent on Facebook. A failed deployment keeps its
// Facebook campaign PAUSED, so it does not count.
const LIVE_STATUSES = ["APPROVED", "DEPLOYING", "ACTIVE"] as const;

export interface ReplacedCampaign {
  campaignId: string;
  version: number;
  name: string;
  dailyCents: number;
  currency: string;
}

export interface ProjectBudgetUse {
  /** The campaign a new version takes over from: the project's newest ACTIVE one. */
  replaces: ReplacedCampaign | null;
  /** Daily budget, in `currency`, of the live campaigns that stay live next to the new plan. */
  committedDailyCents: number;
}

const dailyOf = (structure: unknown) => {
  const value = (structure as { dailyBudgetCents?: unknown } | null)?.dailyBudgetCents;
  return typeof value === "number" ? value : 0;
};
const nameOf = (structure: unknown) => String((structure as { name?: unknown } | null)?.name ?? "your campaign");

/**
 * What the project already spends: a new version replaces the newest ACTIVE campaign (it is paused
 * once the new one is live, so its budget is free), and every other live campaign still counts
 * against the owner's budget. `excludeId` is the version being planned or approved itself.
 */
export async function projectBudgetUse(
  db: Db,
  opts: { organizationId: string; projectId: string; currency: string; excludeId?: string },
): Promise<ProjectBudgetUse> {
  const rows = await db
    .select({ id: campaignRecords.id, version: campaignRecords.version, status: campaignRecords.status, structure: campaignRecords.structure, currency: campaignRecords.currency })
    .from(campaignRecords)
    .where(
      and(
        eq(campaignRecords.organizationId, opts.organizationId),
        eq(campaignRecords.projectId, opts.projectId),
        inArray(campaignRecords.status, [...LIVE_STATUSES]),
      ),
    )
    .orderBy(desc(campaignRecords.version));
  const others = rows.filter((r) => r.id !== opts.excludeId);
  const replacedRow = others.find((r) => r.status === "ACTIVE") ?? null;
  const committedDailyCents = others
    .filter((r) => r.id !== replacedRow?.id)
    // Another currency (the account changed): count it at the committed rate; an unknown rate counts it 1:1.
    .reduce((sum, r) => sum + (convertCents({ cents: dailyOf(r.structure), from: r.currency, to: opts.currency }) ?? dailyOf(r.structure)), 0);
  const replaces = replacedRow
    ? { campaignId: replacedRow.id, version: replacedRow.version, name: nameOf(replacedRow.structure), dailyCents: dailyOf(replacedRow.structure), currency: replacedRow.currency }
    : null;
  return { replaces, committedDailyCents };
}
