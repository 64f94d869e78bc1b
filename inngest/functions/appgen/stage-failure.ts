import type { GetStepTools } from "inngest";
import { inngest } from "@/inngest/client";
import { appJobCancelRequested, appJobFailed } from "@/inngest/events/appgen";
import { configuredSecrets } from "@/server/appgen/logs";
import { failJob } from "@/server/appgen/pipeline/job-state";
import { redact } from "@/server/redact";
import type { Deps } from "@/server/deps";
import { plainError } from "@/server/creative/plain-error";

/** Every job event carries these. */
export interface JobEventData {
  organizationId: string;
  ownerId: string;
  projectId: string;
  jobId: string;
}

/** Every stage stops when the job's cancellation (owner or watchdog) arrives. */
export const cancelOnJob = [{ event: appJobCancelRequested, match: "data.jobId" }];

export const jobRef = (d: JobEventData): JobEventData => ({ organizationId: d.organizationId, ownerId: d.ownerId, projectId: d.projectId, jobId: d.jobId });

/** Ends the job as failed (only if nothing ended it first) and announces it once; clean-up deletes the sandbox. */
export async function failAndAnnounce(step: GetStepTools<typeof inngest>, deps: Deps, data: JobEventData, error: unknown): Promise<{ failed: boolean; error: string }> {
  const message = redact(plainError(error), configuredSecrets());
  const failed = await step.run("record-job-failed", () => failJob(deps.db, { jobId: data.jobId, error: message }));
  if (failed) await step.sendEvent("emit-job-failed", appJobFailed.create({ ...jobRef(data), error: message }, { id: `appgen-job-failed-${data.jobId}` }));
  return { failed, error: message };
}
