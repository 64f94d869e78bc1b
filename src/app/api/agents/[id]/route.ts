import { issueDetail } from "@/server/agent-tasks/issue-view";
import { privateJson, readIssueRequest } from "@/server/agent-tasks/route-helpers";

/** The task with its jobs, logs (redacted when written), artifacts and feedback. */
export async function GET(req: Request, ctx: { params: Promise<{ id: string }> }) {
  const request = await readIssueRequest(req, ctx);
  if (!request.ok) return request.response;
  return privateJson(await issueDetail(request.deps.db, request.issue));
}
