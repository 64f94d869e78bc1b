import { randomInt } from "node:crypto";
import { and, asc, eq, gt, inArray, or, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/server/db/client";
import { simulatedAdObjects, simulatedFaults } from "@/server/db/schema";
import { GraphApiError } from "./types";

/** Queries behind the simulated ad account, shared by the platform and the dev routes. */

export const SIMULATED_OPERATIONS = [
  "exchangeCode",
  "extendToken",
  "listAdAccounts",
  "listPages",
  "createCampaign",
  "createAdSet",
  "uploadImage",
  "createCreative",
  "createAd",
  "updateStatus",
  "getInsights",
] as const;
export type SimulatedOperation = (typeof SIMULATED_OPERATIONS)[number];

export const simulatedFaultInput = z.object({
  adAccountId: z
    .string()
    .regex(/^(\*|act_\d+)$/, 'must be "*" or act_<digits>')
    .default("*"),
  operation: z.enum(SIMULATED_OPERATIONS),
  remaining: z.number().int().min(1).max(1000).default(1),
  httpStatus: z.number().int().min(400).max(599).default(400),
  code: z.number().int().positive(),
  subcode: z.number().int().positive().optional(),
  message: z.string().min(1).max(500),
  isTransient: z.boolean().default(false),
  retryAfterMinutes: z.number().int().min(1).max(24 * 60).optional(),
});
export type SimulatedFaultInput = z.input<typeof simulatedFaultInput>;

export type SimulatedObject = typeof simulatedAdObjects.$inferSelect;

/** 18 digits starting 120, the shape of modern Graph ad object ids. */
export function newGraphId(): string {
  return `120${String(randomInt(0, 1e9)).padStart(9, "0")}${String(randomInt(0, 1e6)).padStart(6, "0")}`;
}

export async function addSimulatedFault(db: Db, input: SimulatedFaultInput) {
  const values = simulatedFaultInput.parse(input);
  const [row] = await db.insert(simulatedFaults).values(values).returning();
  return row!;
}

/**
 * Takes one unit of the oldest matching fault, atomically (FOR UPDATE SKIP LOCKED), and throws
 * it as the GraphApiError Graph would have sent; returns quietly when nothing matches.
 */
export async function throwIfFaultInjected(db: Db, operation: SimulatedOperation, adAccountId?: string): Promise<void> {
  const accounts = adAccountId ? ["*", adAccountId] : ["*"];
  const next = db
    .select({ id: simulatedFaults.id })
    .from(simulatedFaults)
    .where(
      and(
        eq(simulatedFaults.operation, operation),
        inArray(simulatedFaults.adAccountId, accounts),
        gt(simulatedFaults.remaining, 0),
      ),
    )
    .orderBy(asc(simulatedFaults.createdAt))
    .limit(1)
    .for("update", { skipLocked: true });
  const [fault] = await db
    .update(simulatedFaults)
    .set({ remaining: sql`${simulatedFaults.remaining} - 1` })
    .where(inArray(simulatedFaults.id, next))
    .returning();
  if (!fault) return;
  throw new GraphApiError(`Graph API error ${fault.code}${fault.subcode ? `/${fault.subcode}` : ""}: ${fault.message}`, {
    httpStatus: fault.httpStatus,
    code: fault.code,
    subcode: fault.subcode ?? undefined,
    type: "OAuthException",
    isTransient: fault.isTransient,
    fbtraceId: `SIMULATED${fault.id.slice(0, 8)}`,
    retryAfterMs: fault.retryAfterMinutes ? fault.retryAfterMinutes * 60_000 : undefined,
  });
}

export async function listSimulatedObjects(db: Db, adAccountId: string): Promise<SimulatedObject[]> {
  return db
    .select()
    .from(simulatedAdObjects)
    .where(eq(simulatedAdObjects.adAccountId, adAccountId))
    .orderBy(asc(simulatedAdObjects.createdAt), asc(simulatedAdObjects.id));
}

export async function findSimulatedObject(db: Db, adAccountId: string, id: string, kinds?: string[]) {
  const [row] = await db
    .select()
    .from(simulatedAdObjects)
    .where(
      and(
        eq(simulatedAdObjects.adAccountId, adAccountId),
        kinds ? inArray(simulatedAdObjects.kind, kinds) : undefined,
        or(eq(simulatedAdObjects.id, id), sql`${simulatedAdObjects.fields}->>'hash' = ${id}`),
      ),
    )
    .limit(1);
  return row;
}
