import { and, eq, inArray, notInArray, sql } from "drizzle-orm";
import type { Db } from "@/server/db";
import { APP_JOB_TERMINAL, appGenerationJobs, type AppJobStage } from "@/server/db/schema/appgen";

/** The statuses a stage may work in: anything else (cancelled into failed, timed out) stops it. */
const WORKING = ["running", "fixing"] as const;

export interface RunningJob {
  jobId: string;
  organizationId: string;
  ownerId: string;
  projectId: string;
  sandboxId: string | null;
  stage: AppJobStage;
  deadlineAtMs: number;
  /** Whole seconds left before the job's deadline (0 when it has passed). */
  secondsLeft: number;
}

/** The job if it may still be worked on, else null: every stage function asks this first. */
export async function loadRunningJob(db: Db, jobId: string, nowMs = Date.now()): Promise<RunningJob | null> {
  const [job] = await db.select().from(appGenerationJobs).where(eq(appGenerationJobs.id, jobId));
  if (!job || !(WORKING as readonly string[]).includes(job.status)) return null;
  // Admission sets both when it starts the job; without them the job never started.
  const deadlineAtMs = job.deadlineAt?.getTime() ?? nowMs;
  const secondsLeft = Math.max(0, Math.floor((deadlineAtMs - nowMs) / 1000));
  if (secondsLeft === 0) return null;
  return { jobId: job.id, organizationId: job.organizationId, ownerId: job.ownerId, projectId: job.projectId, sandboxId: job.sandboxId, stage: job.stage, deadlineAtMs, secondsLeft };
}

/** A command's timeout: its own budget, cut to the time the job has left. */
export function commandTimeout(job: Pick<RunningJob, "deadlineAtMs">, budgetSeconds: number, nowMs = Date.now()): number {
  return Math.max(1, Math.min(budgetSeconds, Math.floor((job.deadlineAtMs - nowMs) / 1000)));
}

/** Moves the stage forward only from `from` while the job works: the one caller that wins gets true. */
export async function advanceStage(db: Db, input: { jobId: string; from: AppJobStage; to: AppJobStage }): Promise<boolean> {
  const moved = await db
    .update(appGenerationJobs)
    .set({ stage: input.to })
    .where(and(eq(appGenerationJobs.id, input.jobId), eq(appGenerationJobs.stage, input.from), inArray(appGenerationJobs.status, [...WORKING])))
    .returning({ id: appGenerationJobs.id });
  return moved.length === 1;
}

export async function setJobStatus(db: Db, input: { jobId: string; status: (typeof WORKING)[number]; fixRound?: number; stage?: AppJobStage }) {
  await db
    .update(appGenerationJobs)
    .set({ status: input.status, ...(input.fixRound === undefined ? {} : { fixRound: input.fixRound }), ...(input.stage ? { stage: input.stage } : {}) })
    .where(and(eq(appGenerationJobs.id, input.jobId), inArray(appGenerationJobs.status, [...WORKING])));
}

/** Adds a warning once (a retried step adds nothing new). */
export async function addJobWarning(db: Db, jobId: string, warning: string): Promise<void> {
  const item = JSON.stringify([warning]);
  await db
    .update(appGenerationJobs)
    .set({ warnings: sql`${appGenerationJobs.warnings} || ${item}::jsonb`, warningCount: sql`${appGenerationJobs.warningCount} + 1` })
    .where(and(eq(appGenerationJobs.id, jobId), sql`not (${appGenerationJobs.warnings} @> ${item}::jsonb)`));
}

/** Fails a job that is not yet terminal; true only for the caller that ended it (it sends job.failed). */
export async function failJob(db: Db, input: { jobId: string; error: string }, now = new Date()): Promise<boolean> {
  const failed = await db
    .update(appGenerationJobs)
    .set({ status: "failed", error: input.error.slice(0, 2000), finishedAt: now })
    .where(and(eq(appGenerationJobs.id, input.jobId), notInArray(appGenerationJobs.status, [...APP_JOB_TERMINAL])))
    .returning({ id: appGenerationJobs.id });
  return failed.length === 1;
}

/** Ends a working job as completed (or with warnings when any were recorded); null if it was no longer working. */
export async function completeJob(db: Db, jobId: string, now = new Date()): Promise<"completed" | "completed_with_warnings" | null> {
  const done = await db
    .update(appGenerationJobs)
    .set({
      status: sql`case when ${appGenerationJobs.warningCount} > 0 then 'completed_with_warnings' else 'completed' end::app_job_status`,
      stage: "done",
      finishedAt: now,
    })
    .where(and(eq(appGenerationJobs.id, jobId), inArray(appGenerationJobs.status, [...WORKING])))
    .returning({ status: appGenerationJobs.status });
  const status = done[0]?.status;
  return status === "completed" || status === "completed_with_warnings" ? status : null;
}

/** The job's spec as submitted (kept out of step outputs: previews make it large). */
export async function loadJobSpec(db: Db, jobId: string) {
  const [job] = await db.select({ spec: appGenerationJobs.spec }).from(appGenerationJobs).where(eq(appGenerationJobs.id, jobId));
  if (!job) throw new Error(`App generation job ${jobId} is gone`);
  return job.spec;
}

/** Whether the job is still running or fixing, whatever the clock says (the watchdog's question). */
export async function isJobWorking(db: Db, jobId: string): Promise<boolean> {
  const [job] = await db.select({ status: appGenerationJobs.status }).from(appGenerationJobs).where(eq(appGenerationJobs.id, jobId));
  return !!job && (WORKING as readonly string[]).includes(job.status);
}
