import { buildJobView } from "@/server/appgen/job-view";
import { privateJson, readOwnedJobRequest } from "@/server/appgen/route-helpers";

/** The job's status, stage, progress per page, fix round, warnings and timestamps (owner only). */
export async function GET(req: Request, ctx: { params: Promise<{ jobId: string }> }) {
  const request = await readOwnedJobRequest(req, ctx);
  if (!request.ok) return request.response;
  return privateJson(await buildJobView(request.deps.db, request.job));
}
