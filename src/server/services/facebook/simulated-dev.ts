import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { devControlsEnabled } from "@/env";
import type { Db } from "@/server/db/client";
import { simulatedAdObjects } from "@/server/db/schema";
import { simulatedAdAccountsFor, SIMULATED_AD_ACCOUNTS } from "./simulated";
import { advanceSimulatedClocks, DAY_MS, readClockOffsets, simulatedChangeTime } from "./simulated-clock";
import { changeSimulatedObject } from "./simulated-history";
import type { AdPlatform } from "./types";

/**
 * Dev and test controls of the simulated ad account: advancing an organization's simulated clock
 * and changing one of its objects "as if in Ads Manager". They exist only while the simulated
 * account is in use and never in production, except under the e2e harness (a production build
 * with AIGENCY_TEST_CONTROLS=1), as the simulated mailbox.
 */
export function simulatedControlsEnabled(facebook: Pick<AdPlatform, "kind">, env: { NODE_ENV?: string; AIGENCY_TEST_CONTROLS?: string }) {
  return facebook.kind === "simulated" && devControlsEnabled(env);
}

export const advanceClockInput = z.object({ days: z.number().int().min(1).max(60) });

export const changeObjectInput = z
  .object({
    status: z.enum(["ACTIVE", "PAUSED"]).optional(),
    // Minor units of the account currency (hundredths for the simulated USD and EUR accounts).
    dailyBudgetCents: z.number().int().min(100).max(100_000_000).optional(),
  })
  .refine((v) => v.status !== undefined || v.dailyBudgetCents !== undefined, { message: "give status or dailyBudgetCents", path: ["status"] });

const organizationAccounts = (organizationId: string) => simulatedAdAccountsFor(organizationId).map((a) => a.id);

export async function organizationClock(db: Db, organizationId: string) {
  const offsets = await readClockOffsets(db, organizationAccounts(organizationId));
  const accounts = [...offsets.entries()].map(([adAccountId, offsetMs]) => ({ adAccountId, offsetDays: offsetMs / DAY_MS }));
  return { simulated: true as const, offsetDays: Math.max(0, ...accounts.map((a) => a.offsetDays)), accounts };
}

/** Moves every simulated account of the organization forward together, so its campaigns stay in step. */
export async function advanceOrganizationClock(db: Db, organizationId: string, days: number) {
  await advanceSimulatedClocks(db, organizationAccounts(organizationId), days);
  return organizationClock(db, organizationId);
}

export type ChangeObjectOutcome =
  | { ok: true; object: { id: string; kind: string; adAccountId: string; status: string | null; dailyBudgetCents?: number } }
  | { ok: false; status: 400 | 404; field?: string; message: string };

/** Changes an object of one of the organization's simulated accounts; another organization's is "not found". */
export async function changeOrganizationObject(
  db: Db,
  organizationId: string,
  objectId: string,
  change: z.output<typeof changeObjectInput>,
): Promise<ChangeObjectOutcome> {
  const accounts = simulatedAdAccountsFor(organizationId);
  const [row] = await db
    .select()
    .from(simulatedAdObjects)
    .where(
      and(
        eq(simulatedAdObjects.id, objectId),
        inArray(simulatedAdObjects.adAccountId, accounts.map((a) => a.id)),
        inArray(simulatedAdObjects.kind, ["campaign", "adset", "ad"]),
      ),
    );
  if (!row) return { ok: false, status: 404, message: "No such simulated object in your organization" };
  if (change.dailyBudgetCents !== undefined && row.kind !== "adset") {
    return { ok: false, status: 400, field: "dailyBudgetCents", message: "only ad sets have a daily budget" };
  }
  // The template the account was derived from gives its time zone when no login lists it.
  const template = SIMULATED_AD_ACCOUNTS[accounts.findIndex((a) => a.id === row.adAccountId)];
  const when = await simulatedChangeTime(db, row.adAccountId, new Date(), template?.timezoneName);
  const updated = await changeSimulatedObject(db, row, { status: change.status, dailyBudget: change.dailyBudgetCents }, when);
  return {
    ok: true,
    object: {
      id: updated.id,
      kind: updated.kind,
      adAccountId: updated.adAccountId,
      status: updated.status,
      ...(updated.kind === "adset" ? { dailyBudgetCents: Number(updated.fields.daily_budget ?? 0) } : {}),
    },
  };
}
