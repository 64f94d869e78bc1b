import { and, asc, count, eq, inArray } from "drizzle-orm";
import type { Db } from "@/server/db";
import { appGenerationJobs } from "@/server/db/schema";
import { RUNNING_JOBS_PER_OWNER } from "./limits";
import { lockOwner } from "./owner-lock";

export interface AdmittedJob {
  organizationId: string;
  ownerId: string;
  projectId: string;
  jobId: string;
}

/**
 * Moves the owner's oldest queued jobs (first come, first served) into `running` while fewer than
 * two run (`fixing` is running too). Counted and moved under the owner's lock in one transaction, so
 * two admissions racing (a job finishing while another is submitted) never start a third.
 */
export async function admitQueuedJobs(db: Db, input: { ownerId: string; jobMinutes: number; now?: Date }): Promise<AdmittedJob[]> {
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    await lockOwner(tx, input.ownerId);
    const [running] = await tx
      .select({ n: count() })
      .from(appGenerationJobs)
      .where(and(eq(appGenerationJobs.ownerId, input.ownerId), inArray(appGenerationJobs.status, ["running", "fixing"])));
    const free = RUNNING_JOBS_PER_OWNER - running!.n;
    if (free <= 0) return [];
    const next = await tx
      .select({ id: appGenerationJobs.id })
      .from(appGenerationJobs)
      .where(and(eq(appGenerationJobs.ownerId, input.ownerId), eq(appGenerationJobs.status, "queued")))
      .orderBy(asc(appGenerationJobs.createdAt), asc(appGenerationJobs.id))
      .limit(free);
    if (next.length === 0) return [];
    const admitted = await tx
      .update(appGenerationJobs)
      .set({ status: "running", stage: "prepare", startedAt: now, deadlineAt: new Date(now.getTime() + input.jobMinutes * 60_000), updatedAt: now })
      .where(and(inArray(appGenerationJobs.id, next.map((j) => j.id)), eq(appGenerationJobs.status, "queued")))
      .returning({ jobId: appGenerationJobs.id, organizationId: appGenerationJobs.organizationId, ownerId: appGenerationJobs.ownerId, projectId: appGenerationJobs.projectId });
    return admitted;
  });
}

/** Where a queued job waits: 1 = next to start. Null when it is not queued. */
export async function queuePosition(db: Db, job: { id: string; ownerId: string; status: string; createdAt: Date }): Promise<number | null> {
  if (job.status !== "queued") return null;
  const ahead = await db
    .select({ id: appGenerationJobs.id, createdAt: appGenerationJobs.createdAt })
    .from(appGenerationJobs)
    .where(and(eq(appGenerationJobs.ownerId, job.ownerId), eq(appGenerationJobs.status, "queued")))
    .orderBy(asc(appGenerationJobs.createdAt), asc(appGenerationJobs.id));
  return ahead.findIndex((j) => j.id === job.id) + 1 || null;
}
