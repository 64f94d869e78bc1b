import { eq } from "drizzle-orm";
import type { Db } from "@/server/db";
import { facebookConnections } from "@/server/db/schema";

/**
 * Every ad account id an organization's Facebook logins were offered or use. In simulated mode
 * these ids are derived from the organization, so this is what the dev views may show it.
 */
export async function listOrganizationAdAccountIds(db: Db, organizationId: string): Promise<string[]> {
  const rows = await db
    .select({ adAccountId: facebookConnections.adAccountId, choices: facebookConnections.adAccountChoices, pending: facebookConnections.pendingLogin })
    .from(facebookConnections)
    .where(eq(facebookConnections.organizationId, organizationId));
  const ids = rows.flatMap((r) => [
    ...(r.adAccountId ? [r.adAccountId] : []),
    ...r.choices.map((c) => c.id),
    ...(r.pending?.adAccountChoices.map((c) => c.id) ?? []),
  ]);
  return [...new Set(ids)].sort();
}
