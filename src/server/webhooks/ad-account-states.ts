import { and, eq, lt } from "drizzle-orm";
import { postCampaignMessage } from "@/server/campaigns/records";
import type { Db } from "@/server/db";
import { adAccountStates, notifications } from "@/server/db/schema";
import type { AccountStanding } from "./account-status";
import { pausedWords, resumedWords, standingText } from "./account-status-words";
import { accountAudience, organizationsUsingAccount } from "./account-users";

type StateRow = typeof adAccountStates.$inferSelect;
export type StandingResult = "paused" | "resumed" | "status-changed" | "recorded" | "stale";

/**
 * The prefix of every notification key (and email key) one change causes: Facebook's account, time and
 * code. A redelivery, or the same change arriving through both topics, has the same prefix.
 */
export const standingChangeKey = (s: Pick<AccountStanding, "adAccountId" | "code">, reportedAt: Date) =>
  `account-standing:${s.adAccountId}:${Math.floor(reportedAt.getTime() / 1000)}:${s.code}:`;

/** What the owner must hear about: automation switched, or a stop whose cause changed (disabled → unsettled). */
function resultOf(before: StateRow, after: StateRow): StandingResult {
  if (before.automation !== after.automation) return after.automation === "PAUSED" ? "paused" : "resumed";
  if (after.automation === "PAUSED" && before.facebookStatusCode !== after.facebookStatusCode) return "status-changed";
  return "recorded";
}

/**
 * Records what Facebook said about the account for one organization, and tells its people, in one
 * transaction. The row moves only by compare-and-set on `reportedAt` (newer than what is stored, and
 * still what this transaction read), so a late older report, a redelivery, or a racing copy of the
 * same change updates nothing and posts nothing: the owner hears once.
 */
export async function recordAccountStanding(db: Db, opts: { organizationId: string; standing: AccountStanding; reportedAt: Date }) {
  const { organizationId, standing, reportedAt } = opts;
  const where = and(eq(adAccountStates.organizationId, organizationId), eq(adAccountStates.adAccountId, standing.adAccountId));
  return db.transaction(async (tx) => {
    // A first report needs a row to compare against: "running, as of never".
    await tx.insert(adAccountStates).values({ organizationId, adAccountId: standing.adAccountId, reportedAt: new Date(0) }).onConflictDoNothing();
    const [before] = await tx.select().from(adAccountStates).where(where);
    if (!before) throw new Error(`ad_account_states row for ${standing.adAccountId} missing after insert`);
    const [after] = await tx
      .update(adAccountStates)
      .set({
        automation: standing.automation,
        facebookStatus: standing.status,
        facebookStatusCode: standing.code,
        reason: standing.reason,
        reportedAt,
        updatedAt: new Date(),
      })
      .where(and(where, lt(adAccountStates.reportedAt, reportedAt), eq(adAccountStates.reportedAt, before.reportedAt)))
      .returning();
    if (!after) return { result: "stale" as const, told: 0 };
    const result = resultOf(before, after);
    if (result === "recorded") return { result, told: 0 };

    const words = result === "resumed" ? resumedWords() : pausedWords(standing);
    const audience = await accountAudience(tx, { organizationId, adAccountId: standing.adAccountId });
    const metadata = { kind: "ad-account-standing", adAccountId: standing.adAccountId, status: standing.status, automation: standing.automation, reportedAt: reportedAt.toISOString() };
    for (const c of audience.conversations) {
      await postCampaignMessage(tx, { organizationId, conversationId: c.conversationId, type: "TEXT", content: standingText(words), metadata });
    }
    const conversation = audience.conversations[0];
    const projectId = conversation?.projectId ?? audience.projectId;
    for (const userId of audience.userIds) {
      await tx
        .insert(notifications)
        .values({
          organizationId,
          userId,
          projectId,
          conversationId: conversation?.conversationId ?? null,
          type: "ACCOUNT_PROBLEM",
          title: words.title,
          body: `${words.happened} What to do: ${words.todo}`,
          link: projectId ? `/projects/${projectId}` : null,
          dedupeKey: `${standingChangeKey(standing, reportedAt)}${organizationId}:${userId}`,
        })
        .onConflictDoNothing({ target: notifications.dedupeKey });
    }
    return { result, told: audience.userIds.length };
  });
}

/** What the account's standing is now for one organization (null: never reported, so running). */
export async function loadAccountState(db: Db, opts: { organizationId: string; adAccountId: string }) {
  const [row] = await db
    .select()
    .from(adAccountStates)
    .where(and(eq(adAccountStates.organizationId, opts.organizationId), eq(adAccountStates.adAccountId, opts.adAccountId)));
  return row ?? null;
}

/** Records the change for every organization using the account (each in its own transaction). */
export async function recordStandingForAccount(db: Db, opts: { standing: AccountStanding; reportedAt: Date }) {
  const organizationIds = await organizationsUsingAccount(db, opts.standing.adAccountId);
  const outcomes: { organizationId: string; result: StandingResult; told: number }[] = [];
  for (const organizationId of organizationIds) {
    outcomes.push({ organizationId, ...(await recordAccountStanding(db, { organizationId, ...opts })) });
  }
  return outcomes;
}
