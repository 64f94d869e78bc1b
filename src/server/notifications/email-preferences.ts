import { eq } from "drizzle-orm";
import type { EmailTemplateName } from "@/emails/index";
import type { Db } from "@/server/db";
import { emailPreferences } from "@/server/db/schema";
import type { EmailPreferenceLevel } from "./email-levels";

export { EMAIL_PREFERENCE_LEVELS, type EmailPreferenceLevel } from "./email-levels";

/**
 * How much each email matters, in one table: IMPORTANT ones ask for a decision or say something stopped
 * or started (they still go to "important only"); ROUTINE ones are news the bell also carries. Typed by
 * template name, so a new template does not compile until it is placed here.
 */
export const EMAIL_IMPORTANCE: Record<EmailTemplateName, "IMPORTANT" | "ROUTINE"> = {
  "approval-needed": "IMPORTANT",
  "action-approval-needed": "IMPORTANT",
  "ad-account-status": "IMPORTANT",
  "token-expiring": "IMPORTANT",
  "deploy-failed": "IMPORTANT",
  "campaign-live": "IMPORTANT",
  "plan-reminder": "ROUTINE",
  "weekly-report": "ROUTINE",
  "usage-budget-warning": "IMPORTANT",
  // To operators (no user account, so no preference applies); listed because every template must be.
  "sandbox-alert": "IMPORTANT",
};

/** Whether a user at `level` gets `template` by email (the bell shows everything regardless). */
export function emailAllowed(level: EmailPreferenceLevel, template: EmailTemplateName): boolean {
  if (level === "ALL") return true;
  if (level === "NONE") return false;
  return EMAIL_IMPORTANCE[template] === "IMPORTANT";
}

/** The user's level; no row means ALL (nobody changed it). */
export async function getEmailPreference(db: Db, userId: string): Promise<EmailPreferenceLevel> {
  const [row] = await db.select({ level: emailPreferences.level }).from(emailPreferences).where(eq(emailPreferences.userId, userId));
  return row?.level ?? "ALL";
}

/** Sets the user's level (one upsert: two tabs saving at once leave the last one, never two rows). */
export async function setEmailPreference(db: Db, opts: { userId: string; level: EmailPreferenceLevel }): Promise<EmailPreferenceLevel> {
  await db
    .insert(emailPreferences)
    .values({ userId: opts.userId, level: opts.level })
    .onConflictDoUpdate({ target: emailPreferences.userId, set: { level: opts.level, updatedAt: new Date() } });
  return opts.level;
}
