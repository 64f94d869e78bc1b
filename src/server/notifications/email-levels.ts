import type { emailPreferenceLevel } from "@/server/db/schema/email-preferences";

/** The three email levels, in order of how much mail they let through; safe to import in the browser. */
export const EMAIL_PREFERENCE_LEVELS = ["ALL", "IMPORTANT", "NONE"] as const satisfies (typeof emailPreferenceLevel.enumValues)[number][];
export type EmailPreferenceLevel = (typeof EMAIL_PREFERENCE_LEVELS)[number];

export const EMAIL_PREFERENCE_LABELS: Record<EmailPreferenceLevel, string> = {
  ALL: "All emails",
  IMPORTANT: "Only important emails",
  NONE: "No emails",
};

export const EMAIL_PREFERENCE_DESCRIPTIONS: Record<EmailPreferenceLevel, string> = {
  ALL: "Everything the bell tells you, by email too: approvals, launches, problems, weekly reports and reminders.",
  IMPORTANT: "Only what needs you or says something started or stopped: approvals, launches, failed launches and account problems.",
  NONE: "No email at all. The bell in the app still shows everything.",
};
