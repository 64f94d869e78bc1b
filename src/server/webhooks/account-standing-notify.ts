import { eq, sql } from "drizzle-orm";
import { env } from "@/env";
import type { Deps } from "@/server/deps";
import { notifications, users } from "@/server/db/schema";
import { sendEmail } from "@/server/mail/send-email";
import type { AccountStanding } from "./account-status";
import { pausedWords, resumedWords } from "./account-status-words";
import { standingChangeKey } from "./ad-account-states";

/**
 * The notifications one change caused, found by their key prefix. The follow-up (live bell, email,
 * outcome event) is driven by these rows rather than by the recording step's answer, so a retry
 * after that step committed, or a racing copy of the change, still sends each email exactly once.
 */
export async function loadChangeNotifications(deps: Deps, opts: { standing: AccountStanding; reportedAt: Date }) {
  const prefix = standingChangeKey(opts.standing, opts.reportedAt);
  const rows = await deps.db
    .select({ id: notifications.id, organizationId: notifications.organizationId, userId: notifications.userId, type: notifications.type })
    .from(notifications)
    .where(sql`starts_with(${notifications.dedupeKey}, ${prefix})`)
    .orderBy(notifications.organizationId, notifications.userId);
  return rows;
}

/** Emails one told person; the key is the notification's, so one email per person and change, ever. */
export async function emailStandingChange(deps: Deps, opts: { notificationId: string; standing: AccountStanding }) {
  const [row] = await deps.db
    .select({ dedupeKey: notifications.dedupeKey, projectId: notifications.projectId, organizationId: notifications.organizationId, userId: users.id, email: users.email })
    .from(notifications)
    .innerJoin(users, eq(users.id, notifications.userId))
    .where(eq(notifications.id, opts.notificationId));
  if (!row) return { sent: false as const, reason: "notification or user gone" };
  const resumed = opts.standing.automation === "RUNNING";
  const words = resumed ? resumedWords() : pausedWords(opts.standing);
  const email = await sendEmail(deps, {
    template: "ad-account-status",
    props: { ...words, resumed, projectUrl: new URL(row.projectId ? `/projects/${row.projectId}` : "/dashboard", env().APP_URL).toString() },
    to: row.email,
    idempotencyKey: `email:${row.dedupeKey}`,
    organizationId: row.organizationId,
    recipientUserId: row.userId,
  });
  return { sent: email.status === "SENT", emailId: email.id };
}
