import { env } from "@/env";
import { inngest } from "@/inngest/client";
import { appJobCompleted, appJobFailed, appJobRequested, appJobStarted } from "@/inngest/events";
import { admitQueuedJobs } from "@/server/appgen/admission";

/**
 * Admission: whenever one of an owner's jobs is submitted or ends, start their oldest queued jobs
 * while fewer than two run. One run per owner at a time (the engine's key), and the owner's lock in
 * the database besides, so admissions never start a third even if the engine overlapped two.
 */
export const admitAppgenJobs = inngest.createFunction(
  {
    id: "admit-appgen-jobs",
    triggers: [appJobRequested, appJobCompleted, appJobFailed],
    concurrency: { key: "event.data.ownerId", limit: 1 },
  },
  async ({ event, step, deps }) => {
    const admitted = await step.run("admit-queued-jobs", () => admitQueuedJobs(deps.db, { ownerId: event.data.ownerId, jobMinutes: env().APPGEN_JOB_MINUTES }));
    if (admitted.length > 0) {
      // One id per job: a replayed admission cannot start a job's pipeline twice.
      await step.sendEvent("announce-started", admitted.map((job) => appJobStarted.create(job, { id: `job-started-${job.jobId}` })));
    }
    return { admitted: admitted.map((j) => j.jobId) };
  },
);
