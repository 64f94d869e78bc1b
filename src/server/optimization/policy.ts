import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/server/db";
import { autonomyPolicies } from "@/server/db/schema";
import type { AutonomyPolicy } from "./types";

/**
 * Safe defaults for an organization that never opened the settings: small moves (up to 20% of a
 * campaign's daily budget) run alone, anything larger waits for the owner, nothing above doubling
 * the budget is allowed at all, at most 50.00 a day moved, and each object left alone for a day
 * after a change so its numbers can settle.
 */
export const DEFAULT_AUTONOMY_POLICY: AutonomyPolicy = {
  autonomousMaxPercent: 20,
  blockAbovePercent: 100,
  suggestOnly: false,
  dryRun: false,
  dailyCapCents: 5000,
  cooldownHours: 24,
};

export const autonomyPolicySchema = z
  .object({
    autonomousMaxPercent: z.number().int().min(0).max(100),
    blockAbovePercent: z.number().int().min(0).max(1000),
    suggestOnly: z.boolean(),
    dryRun: z.boolean(),
    dailyCapCents: z.number().int().min(0).max(100_000_000),
    cooldownHours: z.number().int().min(1).max(24 * 30),
  })
  .refine((p) => p.blockAbovePercent >= p.autonomousMaxPercent, {
    path: ["blockAbovePercent"],
    message: "must be at least autonomousMaxPercent: a change cannot be blocked below what may run alone",
  });

export async function loadAutonomyPolicy(db: Db, organizationId: string): Promise<AutonomyPolicy> {
  const [row] = await db.select().from(autonomyPolicies).where(eq(autonomyPolicies.organizationId, organizationId));
  if (!row) return { ...DEFAULT_AUTONOMY_POLICY };
  const { autonomousMaxPercent, blockAbovePercent, suggestOnly, dryRun, dailyCapCents, cooldownHours } = row;
  return { autonomousMaxPercent, blockAbovePercent, suggestOnly, dryRun, dailyCapCents, cooldownHours };
}

export async function saveAutonomyPolicy(
  db: Db,
  opts: { organizationId: string; userId: string; policy: AutonomyPolicy },
): Promise<AutonomyPolicy> {
  const values = { ...opts.policy, updatedBy: opts.userId };
  await db
    .insert(autonomyPolicies)
    .values({ organizationId: opts.organizationId, ...values })
    .onConflictDoUpdate({ target: autonomyPolicies.organizationId, set: values });
  return loadAutonomyPolicy(db, opts.organizationId);
}
