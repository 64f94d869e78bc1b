import { inngest } from "@/inngest/client";
import { appJobCancelRequested, appJobStarted } from "@/inngest/events/appgen";
import { env } from "@/env";
import { isJobWorking, loadRunningJob } from "@/server/appgen/pipeline/job-state";
import { failAndAnnounce, jobRef } from "./stage-failure";

/**
 * The whole job's limit (45 minutes): sleeps until the job's deadline, then fails a job still working,
 * cancels its stage runs and announces job.failed (whose clean-up deletes the sandbox).
 */
export const watchAppgenJobDeadline = inngest.createFunction(
  { id: "watch-appgen-job-deadline", triggers: [appJobStarted], retries: 3 },
  async ({ event, step, deps }) => {
    const ref = jobRef(event.data);
    const job = await step.run("load-job", () => loadRunningJob(deps.db, ref.jobId));
    if (!job) return { outcome: "not-running" };
    await step.sleepUntil("wait-for-deadline", new Date(job.deadlineAtMs));
    const still = await step.run("check-job", () => isJobWorking(deps.db, ref.jobId));
    if (!still) return { outcome: "ended-in-time" };
    const reason = `The job timed out after ${env().APPGEN_JOB_MINUTES} minutes`;
    const failed = await failAndAnnounce(step, deps, ref, new Error(reason));
    if (failed.failed) await step.sendEvent("cancel-stages", appJobCancelRequested.create({ ...ref, reason }, { id: `appgen-job-timed-out-${ref.jobId}` }));
    return { outcome: failed.failed ? "timed-out" : "ended-in-time" };
  },
);
