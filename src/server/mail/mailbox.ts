import { and, desc, eq, or } from "drizzle-orm";
import { devControlsEnabled, env } from "@/env";
import type { Db } from "@/server/db/client";
import { emailOutbox } from "@/server/db/schema";
import { isOutboxMail } from "@/server/services/mail";

/**
 * The simulated mailbox exists only while the outbox transport is active and never in
 * production, except under the e2e harness, which runs a production build with test controls on.
 * Even then it shows a signed-in member only their organization's emails (and their own).
 */
export function isMailboxEnabled(e = env()): boolean {
  return isOutboxMail(e) && devControlsEnabled(e);
}

/** Simulated emails the viewer may read, newest first, optionally for one recipient. */
export function listMailbox(
  db: Db,
  opts: { viewer: { organizationId: string; email: string }; to?: string; limit?: number },
) {
  const visible = or(eq(emailOutbox.organizationId, opts.viewer.organizationId), eq(emailOutbox.to, opts.viewer.email));
  const filters = [eq(emailOutbox.provider, "outbox"), visible];
  if (opts.to) filters.push(eq(emailOutbox.to, opts.to));
  return db
    .select()
    .from(emailOutbox)
    .where(and(...filters))
    .orderBy(desc(emailOutbox.createdAt), desc(emailOutbox.id))
    .limit(opts.limit ?? 100);
}
