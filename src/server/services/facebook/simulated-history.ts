import { and, eq } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { simulatedAdObjects } from "@/server/db/schema";
import type { SimulatedObject } from "./simulated-store";

/**
 * Status and budget histories of a simulated object, kept in its `fields` (`_statusHistory`,
 * `_budgetHistory`), so insights can replay any past day: a pause stops spend from the account day
 * it happened without erasing the days before, and a budget change applies from its day on.
 * `date` is the account day of the change (in the account's time zone), `at` the instant.
 */

export interface StatusChange {
  at: string;
  date: string;
  status: string;
}

export interface BudgetChange {
  at: string;
  date: string;
  dailyBudget: number;
}

/** When and on which account day a change happens. */
export interface ChangeTime {
  at: Date;
  date: string;
}

export function statusHistory(o: Pick<SimulatedObject, "status" | "fields">): StatusChange[] {
  const stored = o.fields._statusHistory;
  if (Array.isArray(stored)) return stored as StatusChange[];
  // Objects written before histories existed: active since their activation, if any.
  const activatedAt = typeof o.fields._activatedAt === "string" ? o.fields._activatedAt : undefined;
  return o.status === "ACTIVE" && activatedAt ? [{ at: activatedAt, date: activatedAt.slice(0, 10), status: "ACTIVE" }] : [];
}

export function budgetHistory(o: Pick<SimulatedObject, "fields">): BudgetChange[] {
  const stored = o.fields._budgetHistory;
  if (Array.isArray(stored)) return stored as BudgetChange[];
  const budget = Number(o.fields.daily_budget ?? 0);
  return [{ at: "", date: "0000-00-00", dailyBudget: budget }];
}

/** The status in force on an account day: the last change made on or before it (a pause that day wins). */
export function statusOn(o: Pick<SimulatedObject, "status" | "fields">, date: string): string | undefined {
  return statusHistory(o).filter((c) => c.date <= date).at(-1)?.status;
}

/** The daily budget in force on an account day; before the first recorded change, the first one. */
export function budgetOn(o: Pick<SimulatedObject, "fields">, date: string): number {
  const history = budgetHistory(o);
  return (history.filter((c) => c.date <= date).at(-1) ?? history[0])?.dailyBudget ?? 0;
}

/** The first account day the object was ACTIVE, if ever. */
export function firstActiveDate(o: Pick<SimulatedObject, "status" | "fields">): string | undefined {
  return statusHistory(o).find((c) => c.status === "ACTIVE")?.date;
}

/** Fields of a newly created object: its first status and (ad sets) budget recorded at creation. */
export function initialHistory(row: { status?: string; fields: Record<string, unknown> }, when: ChangeTime): Record<string, unknown> {
  const at = when.at.toISOString();
  const extra: Record<string, unknown> = {};
  if (row.status) extra._statusHistory = [{ at, date: when.date, status: row.status }];
  if (row.status === "ACTIVE") extra._activatedAt = at;
  if (row.fields.daily_budget !== undefined) extra._budgetHistory = [{ at, date: when.date, dailyBudget: Number(row.fields.daily_budget) }];
  return extra;
}

/**
 * Applies a status and/or budget change to a stored object, as Graph (or a person in Ads Manager)
 * would, appending to its histories. Returns the updated row.
 */
export async function changeSimulatedObject(
  db: Db,
  row: SimulatedObject,
  change: { status?: string; dailyBudget?: number },
  when: ChangeTime,
): Promise<SimulatedObject> {
  const at = when.at.toISOString();
  const fields: Record<string, unknown> = { ...row.fields };
  let status = row.status;
  if (change.status !== undefined) {
    status = change.status;
    fields.status = change.status;
    fields._statusHistory = [...statusHistory(row), { at, date: when.date, status: change.status }];
    if (change.status === "ACTIVE" && !fields._activatedAt) fields._activatedAt = at;
  }
  if (change.dailyBudget !== undefined) {
    fields.daily_budget = change.dailyBudget;
    fields._budgetHistory = [...budgetHistory(row), { at, date: when.date, dailyBudget: change.dailyBudget }];
  }
  const [updated] = await db
    .update(simulatedAdObjects)
    .set({ status, fields })
    .where(and(eq(simulatedAdObjects.id, row.id), eq(simulatedAdObjects.adAccountId, row.adAccountId)))
    .returning();
  return updated!;
}
