import { agentFeedbackSubmitted } from "@/inngest/events";
import { sendAfterCommit } from "@/inngest/send-after-commit";
import { feedbackBody, recordFeedback } from "@/server/agent-tasks/feedback";
import { privateJson, readIssueRequest } from "@/server/agent-tasks/route-helpers";
import { jsonError } from "@/server/http";

/** Rates the task's latest finished job (a second rating by the same user replaces the first). 409 before it finished. */
export async function POST(req: Request, ctx: { params: Promise<{ id: string }> }) {
  const request = await readIssueRequest(req, ctx, feedbackBody);
  if (!request.ok) return request.response;
  const { issue, viewer, body } = request;
  const recorded = await recordFeedback(request.deps.db, issue, viewer.userId, body);
  if (!recorded.ok) return jsonError(409, "The task has not finished yet: rate it once its job is done.");
  const event = { organizationId: issue.organizationId, issueId: issue.id, jobId: recorded.jobId, feedbackId: recorded.feedbackId, rating: body.rating };
  // One event per rating as given: a changed rating is a new event (the id carries the rating).
  const { sent } = await sendAfterCommit(agentFeedbackSubmitted.create(event, { id: `agents-feedback-${recorded.feedbackId}-${body.rating}-${body.outcome}` }));
  const answer = { feedbackId: recorded.feedbackId, jobId: recorded.jobId };
  return privateJson(sent ? answer : { ...answer, warning: "Saved, but the engine could not be told. Is the Inngest dev server running?" }, { status: 201 });
}
