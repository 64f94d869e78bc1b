import { and, desc, eq } from "drizzle-orm";
import { env } from "@/env";
import type { Db } from "@/server/db/client";
import { emailOutbox } from "@/server/db/schema";
import { isOutboxMail } from "@/server/services/mail";

/**
 * The simulated mailbox exists only while the outbox transport is active and never in
 * production (it lists every organization's emails without asking who is looking), except
 * under the e2e harness, which runs a production build with test controls on.
 */
export function isMailboxEnabled(e = env()): boolean {
  return isOutboxMail(e) && (e.NODE_ENV !== "production" || e.AIGENCY_TEST_CONTROLS === "1");
}

/** Simulated emails, newest first, optionally for one recipient. */
export function listMailbox(db: Db, opts: { to?: string; limit?: number } = {}) {
  const filters = [eq(emailOutbox.provider, "outbox")];
  if (opts.to) filters.push(eq(emailOutbox.to, opts.to));
  return db
    .select()
    .from(emailOutbox)
    .where(and(...filters))
    .orderBy(desc(emailOutbox.createdAt), desc(emailOutbox.id))
    .limit(opts.limit ?? 100);
}
