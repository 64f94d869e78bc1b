import { configuredSecrets, listJobLogs } from "@/server/appgen/logs";
import { redact } from "@/server/redact";
import { privateJson, readOwnedJobRequest } from "@/server/appgen/route-helpers";

/** The job's log lines by stage and task (owner only). Redacted when written, and again here in case a secret was added since. */
export async function GET(req: Request, ctx: { params: Promise<{ jobId: string }> }) {
  const request = await readOwnedJobRequest(req, ctx);
  if (!request.ok) return request.response;
  const secrets = configuredSecrets();
  const lines = await listJobLogs(request.deps.db, request.job.id);
  return privateJson({
    lines: lines.map((l) => ({ stage: l.stage, taskKey: l.taskKey, level: l.level, message: redact(l.message, secrets), time: l.createdAt.toISOString() })),
  });
}
