import { inngest } from "@/inngest/client";
import { appJobCancelRequested, appJobCompleted, appJobFailed, appJobStarted } from "@/inngest/events/appgen";
import { env } from "@/env";
import { failJob, isJobWorking, loadRunningJob } from "@/server/appgen/pipeline/job-state";
import { jobRef } from "./stage-failure";

/**
 * The whole job's limit (45 minutes): sleeps until the job's deadline, then fails a job still working,
 * cancels its stage runs and announces job.failed (whose clean-up deletes the sandbox).
 */
export const watchAppgenJobDeadline = inngest.createFunction(
  {
    id: "watch-appgen-job-deadline",
    triggers: [appJobStarted],
    // A job that ended has nothing left to watch: the sleep ends with it.
    cancelOn: [
      { event: appJobCompleted, match: "data.jobId" },
      { event: appJobFailed, match: "data.jobId" },
    ],
    retries: 3,
  },
  async ({ event, step, deps }) => {
    const ref = jobRef(event.data);
    const job = await step.run("load-job", () => loadRunningJob(deps.db, ref.jobId));
    if (!job) return { outcome: "not-running" };
    await step.sleepUntil("wait-for-deadline", new Date(job.deadlineAtMs));
    const still = await step.run("check-job", () => isJobWorking(deps.db, ref.jobId));
    if (!still) return { outcome: "ended-in-time" };
    const reason = `The job timed out after ${env().APPGEN_JOB_MINUTES} minutes`;
    const failed = await step.run("record-timed-out", () => failJob(deps.db, { jobId: ref.jobId, error: reason }));
    if (failed) {
      // Cancel first: job.failed ends this run too (its cancelOn).
      await step.sendEvent("cancel-stages", appJobCancelRequested.create({ ...ref, reason }, { id: `appgen-job-timed-out-${ref.jobId}` }));
      await step.sendEvent("emit-job-failed", appJobFailed.create({ ...ref, error: reason }, { id: `appgen-job-failed-${ref.jobId}` }));
    }
    return { outcome: failed ? "timed-out" : "ended-in-time" };
  },
);
