import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/server/db";
import { appGenerationJobs } from "@/server/db/schema";
import { appendJobLog } from "./logs";

export const CANCELLED_BY_OWNER = "Cancelled by the owner";

/**
 * Ends a job that has not finished: failed, "Cancelled by the owner". A compare-and-set on the status,
 * so a cancel racing the pipeline's own finish leaves whichever came first; otherwise the status it ended with.
 */
export async function cancelAppJob(db: Db, job: { id: string; organizationId: string }, now = new Date()) {
  // One transaction: a job is never cancelled without its log line, nor the line written for nothing.
  return db.transaction(async (tx) => {
    const [cancelled] = await tx
      .update(appGenerationJobs)
      .set({ status: "failed", error: CANCELLED_BY_OWNER, finishedAt: now, updatedAt: now })
      .where(and(eq(appGenerationJobs.id, job.id), inArray(appGenerationJobs.status, ["queued", "running", "fixing"])))
      .returning({ stage: appGenerationJobs.stage });
    if (!cancelled) {
      // Read again: the status the route loaded may be older than whatever ended the job first.
      const [now] = await tx.select({ status: appGenerationJobs.status }).from(appGenerationJobs).where(eq(appGenerationJobs.id, job.id));
      return { cancelled: false as const, status: now?.status ?? "failed" };
    }
    await appendJobLog(tx, { organizationId: job.organizationId, jobId: job.id, stage: cancelled.stage, level: "warn", message: CANCELLED_BY_OWNER });
    return { cancelled: true as const, stage: cancelled.stage };
  });
}
