import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/server/db";
import { agentSchedules } from "@/server/db/schema/agent-tasks";
import { projects } from "@/server/db/schema/tenancy";
import { safeText } from "@/server/http";
import { latestTick, parseCron } from "./cron";
import { submitIssue } from "./issues";
import { issueFields } from "./submit-body";

export const scheduleBody = z.strictObject({
  title: issueFields.title,
  description: issueFields.description,
  projectId: issueFields.projectId,
  cron: safeText()
    .max(100)
    .superRefine((value, ctx) => {
      const parsed = parseCron(value);
      if (!parsed.ok) ctx.addIssue({ code: "custom", message: parsed.message });
    }),
});
export const deleteScheduleBody = z.strictObject({ scheduleId: z.uuid() });

export async function createSchedule(db: Db, input: z.infer<typeof scheduleBody> & { organizationId: string; createdById: string }) {
  if (input.projectId) {
    const [project] = await db.select({ id: projects.id }).from(projects).where(and(eq(projects.id, input.projectId), eq(projects.organizationId, input.organizationId)));
    if (!project) return null;
  }
  const [row] = await db.insert(agentSchedules).values({ ...input, cron: input.cron.trim(), projectId: input.projectId ?? null }).returning();
  return row!;
}

export const listSchedules = (db: Db, organizationId: string) =>
  db.select().from(agentSchedules).where(eq(agentSchedules.organizationId, organizationId)).orderBy(asc(agentSchedules.createdAt));

export async function deleteSchedule(db: Db, organizationId: string, scheduleId: string): Promise<boolean> {
  const deleted = await db
    .delete(agentSchedules)
    .where(and(eq(agentSchedules.id, scheduleId), eq(agentSchedules.organizationId, organizationId)))
    .returning({ id: agentSchedules.id });
  return deleted.length > 0;
}

export interface DueSchedule {
  organizationId: string;
  scheduleId: string;
  /** The minute it is due for, ISO ("2026-12-07T09:00Z"): with the id, the task's idempotency key. */
  tick: string;
}

/**
 * Every enabled schedule with a tick in (its last run (or creation), now], looking back an hour, so
 * a missed minute still runs once. Finding the same tick again is harmless: the event id and the
 * issue's external id are both scheduleId + tick.
 */
export async function findDueSchedules(db: Db, now: Date): Promise<DueSchedule[]> {
  const rows = await db.select().from(agentSchedules).where(eq(agentSchedules.enabled, true));
  const due: DueSchedule[] = [];
  for (const row of rows) {
    const parsed = parseCron(row.cron);
    if (!parsed.ok) continue; // checked on the way in; a hand-edited row is skipped, not fatal
    const tick = latestTick(parsed.spec, row.lastRunAt ?? row.createdAt, now);
    if (tick) due.push({ organizationId: row.organizationId, scheduleId: row.id, tick: tick.toISOString().slice(0, 16) + "Z" });
  }
  return due;
}

export type ScheduledOutcome = { ok: true; issueId: string; created: boolean } | { ok: false; reason: "schedule-not-found" | "project-not-found" };

/** The schedule's task for one tick (source SCHEDULED, external id scheduleId:tick), and the tick recorded as its last run. */
export async function submitScheduledIssue(db: Db, due: DueSchedule): Promise<ScheduledOutcome> {
  const [schedule] = await db
    .select()
    .from(agentSchedules)
    .where(and(eq(agentSchedules.id, due.scheduleId), eq(agentSchedules.organizationId, due.organizationId)));
  if (!schedule) return { ok: false, reason: "schedule-not-found" }; // deleted since it was found due
  const submitted = await submitIssue(db, {
    organizationId: due.organizationId,
    projectId: schedule.projectId,
    source: "SCHEDULED",
    externalId: `${schedule.id}:${due.tick}`,
    title: schedule.title,
    description: schedule.description,
    context: { schedule: { id: schedule.id, cron: schedule.cron, tick: due.tick } },
    createdById: schedule.createdById,
  });
  if (!submitted.ok) return { ok: false, reason: "project-not-found" };
  await db.update(agentSchedules).set({ lastRunAt: new Date(due.tick) }).where(eq(agentSchedules.id, schedule.id));
  return submitted;
}
