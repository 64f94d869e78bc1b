import { randomInt } from "node:crypto";
import { and, asc, eq, gt, inArray, isNull, ne, or, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/server/db/client";
import { simulatedAdObjects, simulatedFaults } from "@/server/db/schema";
import { NO_GRAPH_CODE } from "./transform";
import { GraphApiError, type MarkedObject, type MarkedObjectQuery } from "./types";

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
  "findMarkedObjects",
  // Monitoring: a "getPerformanceBatch" fault fails the whole call; a "getPerformanceBatch:item"
  // fault fails one sub-request (one unit per object), as one sub-response of a Graph batch can.
  "getPerformanceBatch",
  "getPerformanceBatch:item",
  "readObjects",
  "updateDailyBudget",
  "getLead",
  "subscribePageToLeads",
  "subscribeAdAccountToApp",
] as const;
export type SimulatedOperation = (typeof SIMULATED_OPERATIONS)[number];

export const SIMULATED_FAULT_EFFECTS = ["error", "lose-response"] as const;

export const simulatedFaultInput = z
  .object({
    adAccountId: z
      .string()
      .regex(/^(\*|act_\d+)$/, 'must be "*" or act_<digits>')
      .default("*"),
    operation: z.enum(SIMULATED_OPERATIONS),
    remaining: z.number().int().min(1).max(1000).default(1),
    effect: z.enum(SIMULATED_FAULT_EFFECTS).default("error"),
    httpStatus: z.number().int().min(400).max(599).default(400),
    // A lost response carries no Graph error, so code and message are needed only for "error".
    code: z.number().int().positive().optional(),
    subcode: z.number().int().positive().optional(),
    message: z.string().min(1).max(500).optional(),
    isTransient: z.boolean().default(false),
    retryAfterMinutes: z.number().int().min(1).max(24 * 60).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.effect !== "error") return;
    if (v.code === undefined) ctx.addIssue({ code: "custom", path: ["code"], message: "is required when effect is \"error\"" });
    if (v.message === undefined) ctx.addIssue({ code: "custom", path: ["message"], message: "is required when effect is \"error\"" });
  });
export type SimulatedFaultInput = z.input<typeof simulatedFaultInput>;

export type SimulatedObject = typeof simulatedAdObjects.$inferSelect;

/** 18 digits starting 120, the shape of modern Graph ad object ids. */
export function newGraphId(): string {
  return `120${String(randomInt(0, 1e9)).padStart(9, "0")}${String(randomInt(0, 1e6)).padStart(6, "0")}`;
}

export async function addSimulatedFault(db: Db, input: SimulatedFaultInput) {
  const { code, message, ...values } = simulatedFaultInput.parse(input);
  const [row] = await db
    .insert(simulatedFaults)
    .values({ ...values, code: code ?? NO_GRAPH_CODE, message: message ?? "The response was lost after the write was applied" })
    .returning();
  return row!;
}

type SimulatedFault = typeof simulatedFaults.$inferSelect;

/** Takes one unit of the oldest matching fault, atomically (FOR UPDATE SKIP LOCKED). */
export async function takeSimulatedFault(db: Db, operation: SimulatedOperation, adAccountId?: string): Promise<SimulatedFault | undefined> {
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
  return fault;
}

/** Whether any unit of a matching fault is queued: one cheap read before taking faults per item. */
export async function hasSimulatedFault(db: Db, operation: SimulatedOperation, adAccountId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: simulatedFaults.id })
    .from(simulatedFaults)
    .where(and(eq(simulatedFaults.operation, operation), inArray(simulatedFaults.adAccountId, ["*", adAccountId]), gt(simulatedFaults.remaining, 0)))
    .limit(1);
  return row !== undefined;
}

/** What the caller of a faulted operation sees: Graph's error, or the dropped connection of a lost answer. */
export function simulatedFaultError(fault: SimulatedFault, operation: SimulatedOperation): GraphApiError {
  if (fault.effect === "lose-response") {
    // The same shape the real Graph client gives a dropped connection.
    return new GraphApiError(`Graph API request for ${operation} failed to connect (response lost)`, {
      httpStatus: 0,
      code: NO_GRAPH_CODE,
      isTransient: true,
    });
  }
  return new GraphApiError(`Graph API error ${fault.code}${fault.subcode ? `/${fault.subcode}` : ""}: ${fault.message}`, {
    httpStatus: fault.httpStatus,
    code: fault.code,
    subcode: fault.subcode ?? undefined,
    type: "OAuthException",
    isTransient: fault.isTransient,
    fbtraceId: `SIMULATED${fault.id.slice(0, 8)}`,
    retryAfterMs: fault.retryAfterMinutes ? fault.retryAfterMinutes * 60_000 : undefined,
  });
}

/** Throws the oldest matching fault, whatever its effect, for calls that write nothing. */
export async function throwIfFaultInjected(db: Db, operation: SimulatedOperation, adAccountId?: string): Promise<void> {
  const fault = await takeSimulatedFault(db, operation, adAccountId);
  if (fault) throw simulatedFaultError(fault, operation);
}

/** Live objects of one kind (under one parent) whose name contains the marker, oldest first. */
export async function findMarkedSimulatedObjects(db: Db, adAccountId: string, q: MarkedObjectQuery): Promise<MarkedObject[]> {
  const rows = await db
    .select()
    .from(simulatedAdObjects)
    .where(
      and(
        eq(simulatedAdObjects.adAccountId, adAccountId),
        eq(simulatedAdObjects.kind, q.kind),
        q.parentId ? eq(simulatedAdObjects.parentId, q.parentId) : undefined,
        // strpos, not LIKE: the marker must match literally.
        sql`strpos(${simulatedAdObjects.name}, ${q.marker}) > 0`,
        or(isNull(simulatedAdObjects.status), ne(simulatedAdObjects.status, "DELETED")),
      ),
    )
    .orderBy(asc(simulatedAdObjects.createdAt), asc(simulatedAdObjects.id));
  return rows.map((r) => ({
    id: r.kind === "image" ? String(r.fields.hash) : r.id,
    name: r.name ?? "",
    status: r.status ?? undefined,
  }));
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
