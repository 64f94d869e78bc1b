import { desc, eq } from "drizzle-orm";
import type { Db } from "@/server/db";
import { autonomyPolicies, campaignRecords, users } from "@/server/db/schema";
import { loadAutonomyPolicy } from "@/server/optimization/policy";
import type { AutonomyPolicy } from "@/server/optimization/types";

export interface PolicySettings {
  policy: AutonomyPolicy;
  /** The currency the daily cap is read in: the organization's newest campaign's (its ad account's), else USD. */
  currency: string;
  /** Null while the organization runs on the safe defaults. */
  updated: { at: Date; byName: string | null } | null;
}

/** The viewer organization's autonomy settings for the settings page (defaults when never saved). */
export async function loadPolicySettings(db: Db, organizationId: string): Promise<PolicySettings> {
  const policy = await loadAutonomyPolicy(db, organizationId);
  const [latest] = await db
    .select({ currency: campaignRecords.currency })
    .from(campaignRecords)
    .where(eq(campaignRecords.organizationId, organizationId))
    .orderBy(desc(campaignRecords.createdAt))
    .limit(1);
  const [row] = await db
    .select({ at: autonomyPolicies.updatedAt, byName: users.name })
    .from(autonomyPolicies)
    .leftJoin(users, eq(users.id, autonomyPolicies.updatedBy))
    .where(eq(autonomyPolicies.organizationId, organizationId));
  return { policy, currency: latest?.currency ?? "USD", updated: row ? { at: row.at, byName: row.byName ?? null } : null };
}
