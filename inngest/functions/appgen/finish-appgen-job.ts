import { inngest } from "@/inngest/client";
import { appArtifactZipped, appJobCompleted } from "@/inngest/events/appgen";
import { completeJob } from "@/server/appgen/pipeline/job-state";
import { stopJobSandboxes } from "@/server/appgen/pipeline/sandbox";
import { cancelOnJob, jobRef } from "./stage-failure";

/** The ZIP is stored: the job ends completed (or completed_with_warnings), its sandbox goes, job.completed. */
export const finishAppgenJob = inngest.createFunction(
  { id: "finish-appgen-job", triggers: [appArtifactZipped], cancelOn: cancelOnJob, retries: 3 },
  async ({ event, step, deps, runId }) => {
    const ref = jobRef(event.data);
    const status = await step.run("complete-job", () => completeJob(deps.db, ref.jobId));
    const deleted = await step.run("delete-sandbox", () => stopJobSandboxes({ db: deps.db, sessions: deps.services.sandbox.sessions }, { jobId: ref.jobId, runId }));
    if (!status) return { outcome: "already-ended", deletedSandboxes: deleted.length };
    await step.sendEvent("emit-job-completed", appJobCompleted.create({ ...ref, status }, { id: `appgen-job-completed-${ref.jobId}` }));
    return { outcome: status, deletedSandboxes: deleted.length };
  },
);
