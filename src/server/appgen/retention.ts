import { and, asc, eq, gt, inArray, isNull, lt, notInArray, sql } from "drizzle-orm";
import type { Db } from "@/server/db";
import { APP_JOB_TERMINAL, appGenerationArtifacts, appGenerationJobs } from "@/server/db/schema";
import { ARTIFACTS_KEPT_PER_PROJECT, artifactKey, RUNNING_JOBS_PER_OWNER } from "./limits";

export interface ArtifactToRemove {
  artifactId: string;
  jobId: string;
  storageKey: string;
}

/**
 * Artifacts beyond the newest 5 of their project (by createdAt) that are still stored. Ranked among
 * the not-yet-removed ones, so a run that removed the objects but failed to record it finds the same
 * rows again and finishes the work (removing a missing object is not an error in either store).
 */
export async function findArtifactsBeyondKept(db: Db, opts: { limit: number }): Promise<ArtifactToRemove[]> {
  const ranked = db
    .select({
      artifactId: appGenerationArtifacts.id,
      jobId: appGenerationArtifacts.jobId,
      storageKey: appGenerationArtifacts.storageKey,
      rank: sql<number>`row_number() over (partition by ${appGenerationArtifacts.projectId} order by ${appGenerationArtifacts.createdAt} desc, ${appGenerationArtifacts.id} desc)`.as("rank"),
    })
    .from(appGenerationArtifacts)
    .where(isNull(appGenerationArtifacts.removedAt))
    .as("ranked");
  return db
    .select({ artifactId: ranked.artifactId, jobId: ranked.jobId, storageKey: ranked.storageKey })
    .from(ranked)
    .where(gt(ranked.rank, ARTIFACTS_KEPT_PER_PROJECT))
    .limit(opts.limit);
}

/** After the objects are gone: the artifact rows say when, and their finished jobs become `expired`. */
export async function recordArtifactsRemoved(db: Db, removed: ArtifactToRemove[], now = new Date()): Promise<number> {
  if (removed.length === 0) return 0;
  return db.transaction(async (tx) => {
    const marked = await tx
      .update(appGenerationArtifacts)
      .set({ removedAt: now })
      .where(and(inArray(appGenerationArtifacts.id, removed.map((a) => a.artifactId)), isNull(appGenerationArtifacts.removedAt)))
      .returning({ id: appGenerationArtifacts.id });
    await tx
      .update(appGenerationJobs)
      .set({ status: "expired", expiresAt: now, updatedAt: now })
      .where(and(inArray(appGenerationJobs.id, removed.map((a) => a.jobId)), inArray(appGenerationJobs.status, ["completed", "completed_with_warnings"])));
    return marked.length;
  });
}

/** The label every job's sandbox carries: `{ appgenJobId: <jobId> }`. */
export const JOB_SANDBOX_LABEL = "appgenJobId";
const STALE_AFTER_MS = 15 * 60_000;
const FAILED_UPLOAD_WINDOW_MS = 48 * 60 * 60_000;

/**
 * Storage keys of jobs that failed without an artifact row: a crash between the upload and its record
 * leaves an object nobody can download. Failed 15 min to 48 h ago (the pipeline has stopped; older
 * ones were swept by earlier hourly runs), so each is tried a few dozen times at most, harmlessly.
 */
export async function findFailedUploadKeys(db: Db, now = new Date()): Promise<string[]> {
  const jobs = await db
    .select({ jobId: appGenerationJobs.id, ownerId: appGenerationJobs.ownerId, projectId: appGenerationJobs.projectId })
    .from(appGenerationJobs)
    .leftJoin(appGenerationArtifacts, eq(appGenerationArtifacts.jobId, appGenerationJobs.id))
    .where(
      and(
        eq(appGenerationJobs.status, "failed"),
        isNull(appGenerationArtifacts.id),
        lt(appGenerationJobs.finishedAt, new Date(now.getTime() - STALE_AFTER_MS)),
        gt(appGenerationJobs.finishedAt, new Date(now.getTime() - FAILED_UPLOAD_WINDOW_MS)),
      ),
    );
  return jobs.map(artifactKey);
}

/**
 * Of the live sandboxes labelled with a job id, those whose job has ended, or is still marked running
 * more than 15 minutes past its deadline: nothing will use them again.
 */
export async function staleJobSandboxes(db: Db, labelled: { id: string; labels: Record<string, string> }[], now = new Date()): Promise<string[]> {
  const jobIds = [...new Set(labelled.map((s) => s.labels[JOB_SANDBOX_LABEL]!))];
  if (jobIds.length === 0) return [];
  const jobs = await db
    .select({ id: appGenerationJobs.id, status: appGenerationJobs.status, deadlineAt: appGenerationJobs.deadlineAt })
    .from(appGenerationJobs)
    .where(inArray(appGenerationJobs.id, jobIds));
  const byId = new Map(jobs.map((j) => [j.id, j]));
  const cutoff = now.getTime() - STALE_AFTER_MS;
  return labelled
    .filter((s) => {
      const job = byId.get(s.labels[JOB_SANDBOX_LABEL]!);
      // Not ours to judge: a job this database does not know may be another deployment's sharing the
      // provider account (its project deleted here leaves the provider's lifetime backstop to act).
      if (!job) return false;
      if (APP_JOB_TERMINAL.includes(job.status)) return true;
      return job.deadlineAt !== null && job.deadlineAt.getTime() < cutoff;
    })
    .map((s) => s.id);
}

const WAITING_TOO_LONG_MS = 10 * 60_000;

/**
 * The oldest queued job of each owner who has a free slot but whose jobs have waited over 10 minutes:
 * admission missed them (the submit's event could not be sent). Each is asked for again.
 */
export async function jobsAdmissionMissed(db: Db, now = new Date()) {
  const busy = db
    .select({ ownerId: appGenerationJobs.ownerId })
    .from(appGenerationJobs)
    .where(inArray(appGenerationJobs.status, ["running", "fixing"]))
    .groupBy(appGenerationJobs.ownerId)
    .having(sql`count(*) >= ${RUNNING_JOBS_PER_OWNER}`);
  const waiting = await db
    .selectDistinctOn([appGenerationJobs.ownerId], {
      organizationId: appGenerationJobs.organizationId,
      ownerId: appGenerationJobs.ownerId,
      projectId: appGenerationJobs.projectId,
      jobId: appGenerationJobs.id,
    })
    .from(appGenerationJobs)
    .where(and(eq(appGenerationJobs.status, "queued"), lt(appGenerationJobs.createdAt, new Date(now.getTime() - WAITING_TOO_LONG_MS)), notInArray(appGenerationJobs.ownerId, busy)))
    .orderBy(appGenerationJobs.ownerId, asc(appGenerationJobs.createdAt));
  return waiting;
}
