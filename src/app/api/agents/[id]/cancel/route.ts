import { z } from "zod";
import { agentTaskCancelRequested } from "@/inngest/events";
import { sendAfterCommit } from "@/inngest/send-after-commit";
import { cancelIssue } from "@/server/agent-tasks/cancel";
import { privateJson, readIssueRequest } from "@/server/agent-tasks/route-helpers";
import { jsonError } from "@/server/http";

/** The URL names the action: a body, if sent, must be an empty object. */
const noBody = z.strictObject({});

/** Cancels an unfinished task (CANCELLED at once; the running job stops on the event). 409 once finished. */
export async function POST(req: Request, ctx: { params: Promise<{ id: string }> }) {
  const request = await readIssueRequest(req, ctx, noBody);
  if (!request.ok) return request.response;
  const { issue } = request;
  const outcome = await cancelIssue(request.deps.db, issue);
  if (!outcome.cancelled) return jsonError(409, `The task has already finished (${outcome.status.toLowerCase()}).`);
  const event = { organizationId: issue.organizationId, issueId: issue.id };
  const { sent } = await sendAfterCommit(agentTaskCancelRequested.create(event, { id: `agents-task-cancelled-${issue.id}` }));
  const answer = { issueId: issue.id, status: "CANCELLED" as const };
  return privateJson(sent ? answer : { ...answer, warning: "Cancelled, but the engine could not be told. Is the Inngest dev server running?" });
}
