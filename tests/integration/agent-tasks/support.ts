import type { Db } from "@/server/db";
import { agentIssues, agentJobs } from "@/server/db/schema/agent-tasks";
import { jsonRequest } from "../../support/viewers";
import type { World } from "../campaigns/support";

export const idParams = (id: string) => ({ params: Promise.resolve({ id }) });
export const post = (url: string, cookie: string, body?: unknown) => jsonRequest(url, { method: "POST", cookie, body: body ?? {} });
export const get = (url: string, cookie: string) => jsonRequest(url, { cookie });
export const errorOf = async (res: Response) => ((await res.json()) as { error: string }).error;

/** An issue (and optionally its job) as the pipeline would have left it, written directly. */
export async function seedIssue(
  db: Db,
  w: World,
  opts: { status?: (typeof agentIssues.$inferInsert)["status"]; job?: (typeof agentJobs.$inferInsert)["status"]; createdAt?: Date } = {},
) {
  const [issue] = await db
    .insert(agentIssues)
    .values({ organizationId: w.organizationId, projectId: w.projectId, title: "Why did CPL double?", description: "Since Monday", status: opts.status ?? "PENDING", createdAt: opts.createdAt })
    .returning();
  if (!opts.job) return { issue: issue!, job: null };
  const finished = ["COMPLETED", "FAILED", "CANCELLED"].includes(opts.job);
  const [job] = await db
    .insert(agentJobs)
    .values({ organizationId: w.organizationId, issueId: issue!.id, agentType: "analyst", model: "offline", status: opts.job, completedAt: finished ? new Date() : null })
    .returning();
  return { issue: issue!, job: job! };
}
