import { and, eq } from "drizzle-orm";
import type { Db } from "@/server/db";
import { agentIssues } from "@/server/db/schema";
import { isUuid } from "@/server/route-params";

/** The issue's id and project if it is the organization's; null for another's, or for a malformed id. */
export async function findIssueInOrganization(db: Db, input: { organizationId: string; issueId: string }) {
  if (!isUuid(input.issueId)) return null;
  const [row] = await db
    .select({ id: agentIssues.id, projectId: agentIssues.projectId, status: agentIssues.status })
    .from(agentIssues)
    .where(and(eq(agentIssues.id, input.issueId), eq(agentIssues.organizationId, input.organizationId)));
  return row ?? null;
}
