import { and, eq } from "drizzle-orm";
import type { Db } from "@/server/db";
import { adAccountStates } from "@/server/db/schema";
import { pausedWords } from "./account-status-words";

/**
 * Why the agency must not act on this ad account for this organization now, or null. Set by the
 * account-status webhook (`ad_account_states.automation = PAUSED`) while Facebook says the account is
 * disabled, unsettled or closed; every deploy, evaluation and apply asks this first.
 */
export async function automationPausedFor(db: Db, opts: { organizationId: string; adAccountId: string | null | undefined }): Promise<string | null> {
  if (!opts.adAccountId) return null;
  const [row] = await db
    .select({ automation: adAccountStates.automation, status: adAccountStates.facebookStatus, reason: adAccountStates.reason })
    .from(adAccountStates)
    .where(and(eq(adAccountStates.organizationId, opts.organizationId), eq(adAccountStates.adAccountId, opts.adAccountId)));
  if (row?.automation !== "PAUSED") return null;
  const words = pausedWords({ status: row.status ?? "DISABLED", reason: row.reason });
  return `${words.happened} The agency does not launch or change anything on this account until Facebook reopens it. What to do: ${words.todo}`;
}
