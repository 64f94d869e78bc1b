import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/server/db";
import { adAccountStates, campaignRecords } from "@/server/db/schema";
import { pausedWords, type StandingWords } from "@/server/webhooks/account-status-words";

export interface AccountPause extends StandingWords {
  adAccountId: string;
  since: Date;
}

/** The viewer's organization's paused ad accounts among `adAccountIds`, in the owner's words. */
export async function loadAccountPauses(db: Db, opts: { organizationId: string; adAccountIds: (string | null | undefined)[] }): Promise<AccountPause[]> {
  const ids = [...new Set(opts.adAccountIds.filter((id): id is string => !!id))];
  if (ids.length === 0) return [];
  const rows = await db
    .select()
    .from(adAccountStates)
    .where(and(eq(adAccountStates.organizationId, opts.organizationId), inArray(adAccountStates.adAccountId, ids), eq(adAccountStates.automation, "PAUSED")));
  return rows.map((r) => ({
    adAccountId: r.adAccountId,
    since: r.reportedAt,
    ...pausedWords({ status: r.facebookStatus ?? "DISABLED", reason: r.reason }),
  }));
}

/** The ad accounts a project's campaigns use (every version: a paused account also stops a draft's launch). */
export async function projectAdAccountIds(db: Db, opts: { organizationId: string; projectId: string }): Promise<string[]> {
  const rows = await db
    .selectDistinct({ adAccountId: campaignRecords.adAccountId })
    .from(campaignRecords)
    .where(and(eq(campaignRecords.organizationId, opts.organizationId), eq(campaignRecords.projectId, opts.projectId)));
  return rows.map((r) => r.adAccountId).filter((id): id is string => !!id);
}
