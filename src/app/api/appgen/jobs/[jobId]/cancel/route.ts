import { appJobCancelRequested, appJobFailed } from "@/inngest/events";
import { sendAfterCommit } from "@/inngest/send-after-commit";
import { cancelAppJob, CANCELLED_BY_OWNER } from "@/server/appgen/cancel";
import { privateJson, readOwnedJobRequest } from "@/server/appgen/route-helpers";
import { jsonError } from "@/server/http";

/**
 * Stops the owner's unfinished job: failed "Cancelled by the owner" at once, then the engine is told
 * (its stage runs cancel; the failure frees the slot and has the sandbox deleted). 409 once finished.
 */
export async function POST(req: Request, ctx: { params: Promise<{ jobId: string }> }) {
  const request = await readOwnedJobRequest(req, ctx);
  if (!request.ok) return request.response;
  const { job } = request;
  const outcome = await cancelAppJob(request.deps.db, job);
  if (!outcome.cancelled) return jsonError(409, `The job has already finished (${outcome.status.replace(/_/g, " ")}).`);

  const data = { organizationId: job.organizationId, ownerId: job.ownerId, projectId: job.projectId, jobId: job.id };
  const { sent } = await sendAfterCommit([
    appJobCancelRequested.create({ ...data, reason: CANCELLED_BY_OWNER }, { id: `appgen-job-cancelled-${job.id}` }),
    // The pipeline announces its own failures with this id too: one job.failed per job, whoever ends it.
    appJobFailed.create({ ...data, error: CANCELLED_BY_OWNER }, { id: `appgen-job-failed-${job.id}` }),
  ]);
  const answer = { jobId: job.id, status: "failed" as const };
  return privateJson(sent ? answer : { ...answer, warning: "Cancelled, but the engine could not be told. Is the Inngest dev server running?" });
}
