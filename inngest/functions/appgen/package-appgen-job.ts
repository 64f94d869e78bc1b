import { inngest } from "@/inngest/client";
import { appArtifactZipped, appValidationCompleted } from "@/inngest/events/appgen";
import { recordArtifact, storeZip, zipWorkspace } from "@/server/appgen/pipeline/artifact";
import { commandTimeout, loadRunningJob } from "@/server/appgen/pipeline/job-state";
import { recordTask } from "@/server/appgen/pipeline/tasks";
import { plainError } from "@/server/creative/plain-error";
import { cancelOnJob, failAndAnnounce, jobRef } from "./stage-failure";

const ZIP_BUDGET_SECONDS = 300;

/**
 * Package: zip the workspace in the sandbox, download it (350 MB cap), check every entry, store it
 * privately, then record the artifact row (unique per job: a retry after "stored, row not written"
 * adds it once). A ZIP over the cap or with an unsafe entry fails the job with the reason.
 */
export const packageAppgenJob = inngest.createFunction(
  {
    id: "package-appgen-job",
    triggers: [appValidationCompleted],
    cancelOn: cancelOnJob,
    retries: 3,
    onFailure: async ({ event, step, deps, error }) => failAndAnnounce(step, deps, event.data.event.data, new Error(`Packaging failed: ${plainError(error)}`)),
  },
  async ({ event, step, deps }) => {
    const ref = jobRef(event.data);
    const sessions = deps.services.sandbox.sessions;
    const job = await step.run("load-job", () => loadRunningJob(deps.db, ref.jobId));
    if (!job?.sandboxId) return { outcome: "stopped" };
    const sandboxId = job.sandboxId;

    const zipped = await step.run("zip-workspace", () => zipWorkspace(sessions, { sandboxId, timeoutSeconds: commandTimeout(job, ZIP_BUDGET_SECONDS) }));
    if (!zipped.ok) return { outcome: "failed", ...(await failAndAnnounce(step, deps, ref, zipped.error)) };
    const stored = await step.run("store-zip", () => storeZip({ sessions, storage: deps.services.storage }, { ...ref, sandboxId }));
    if (!stored.ok) return { outcome: "failed", ...(await failAndAnnounce(step, deps, ref, stored.error)) };
    const { storageKey, sizeBytes, checksum, entryCount } = stored;
    const recorded = await step.run("record-artifact", async () => {
      const row = await recordArtifact(deps.db, { ...ref, storageKey, sizeBytes, checksum, entryCount });
      await recordTask(deps.db, { organizationId: ref.organizationId, jobId: ref.jobId, key: "package", kind: "package", status: "done", files: [storageKey] });
      return row;
    });
    await step.sendEvent(
      "emit-artifact-zipped",
      appArtifactZipped.create({ ...ref, artifactId: recorded.artifactId, storageKey, sizeBytes, checksum }, { id: `appgen-artifact-zipped-${ref.jobId}` }),
    );
    return { outcome: "zipped", sizeBytes, entryCount };
  },
);
