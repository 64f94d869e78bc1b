import { eq } from "drizzle-orm";
import type { Env } from "@/env";
import type { Db } from "@/server/db";
import { users } from "@/server/db/schema";
import type { EmailPreferenceLevel } from "./email-levels";
import { getEmailPreference, setEmailPreference } from "./email-preferences";
import { readUnsubscribeToken, unsubscribeSecret } from "./unsubscribe-token";

/** A mail client's one-click unsubscribe means what it says: no more email. */
export const ONE_CLICK_LEVEL: EmailPreferenceLevel = "NONE";

type TokenUser = { ok: true; userId: string; email: string } | { ok: false; reason: "invalid" | "no-user" };

/** Who an unsubscribe token is for: the signature is checked first, then that the account still exists. */
export async function userForToken(db: Db, opts: { token: string; env: Env }): Promise<TokenUser> {
  const userId = readUnsubscribeToken(opts.token, unsubscribeSecret(opts.env));
  if (!userId) return { ok: false, reason: "invalid" };
  const [user] = await db.select({ email: users.email }).from(users).where(eq(users.id, userId));
  return user ? { ok: true, userId, email: user.email } : { ok: false, reason: "no-user" };
}

/** Sets the level for the token's user; nothing is written unless the token verifies. */
export async function changeLevelByToken(db: Db, opts: { token: string; level: EmailPreferenceLevel; env: Env }) {
  const who = await userForToken(db, opts);
  if (!who.ok) return who;
  return { ok: true as const, level: await setEmailPreference(db, { userId: who.userId, level: opts.level }) };
}

/** What the unsubscribe page shows: a masked address (the link may be forwarded) and the current level. */
export async function describeTokenUser(db: Db, opts: { token: string; env: Env }) {
  const who = await userForToken(db, opts);
  if (!who.ok) return who;
  return { ok: true as const, maskedEmail: maskEmail(who.email), level: await getEmailPreference(db, who.userId) };
}

/** `jane.doe@example.com` → `j•••e@example.com`: enough to recognise, not enough to harvest. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  if (at < 1) return "•••";
  const local = email.slice(0, at);
  const shown = local.length <= 2 ? `${local[0]}•••` : `${local[0]}•••${local[local.length - 1]}`;
  return `${shown}${email.slice(at)}`;
}
