import { eq } from "drizzle-orm";
import { env } from "@/env";
import type { EmailTemplateName, EmailTemplateProps } from "@/emails/index";
import type { Deps } from "@/server/deps";
import { projects, users } from "@/server/db/schema";
import { sendEmail } from "@/server/mail/send-email";
import { createNotification, type NotificationType } from "@/server/notifications/notifications";
import type { CampaignRecord } from "./records";

/** Where the user reviews a campaign: the project chat, where its cards live. */
export const campaignUrl = (r: Pick<CampaignRecord, "projectId">) => `${env().APP_URL}/projects/${r.projectId}`;

export async function loadProjectName(deps: Deps, projectId: string): Promise<string> {
  const [p] = await deps.db.select({ name: projects.name }).from(projects).where(eq(projects.id, projectId));
  return p?.name ?? "your project";
}

/**
 * Creates the in-app notification, linked to the project chat (at `anchor`, e.g. `action-<id>`, the
 * card's element id, when given), and returns only what `notification/created` needs (JSON-safe).
 */
export async function notifyCampaignUser(
  deps: Deps,
  opts: { record: CampaignRecord; userId: string; type: NotificationType; title: string; body: string; dedupeKey: string; anchor?: string },
) {
  const { notification, created } = await createNotification(deps.db, {
    organizationId: opts.record.organizationId,
    userId: opts.userId,
    projectId: opts.record.projectId,
    conversationId: opts.record.conversationId,
    type: opts.type,
    title: opts.title,
    body: opts.body,
    link: `/projects/${opts.record.projectId}${opts.anchor ? `#${opts.anchor}` : ""}`,
    dedupeKey: opts.dedupeKey,
  });
  return { id: notification.id, organizationId: notification.organizationId, userId: notification.userId, type: notification.type, created };
}

/** Emails one user with a template; the key makes a retried step send once. Returns no addresses or bodies. */
export async function emailCampaignUser<N extends EmailTemplateName>(
  deps: Deps,
  opts: { record: CampaignRecord; userId: string; template: N; props: EmailTemplateProps<N>; idempotencyKey: string },
) {
  const [user] = await deps.db.select({ email: users.email }).from(users).where(eq(users.id, opts.userId));
  if (!user) return { sent: false as const, reason: "user not found" };
  const row = await sendEmail(deps, {
    template: opts.template,
    props: opts.props,
    to: user.email,
    idempotencyKey: opts.idempotencyKey,
    organizationId: opts.record.organizationId,
    projectId: opts.record.projectId,
    feature: opts.template === "weekly-report" ? "weekly-report" : "notifications",
    recipientUserId: opts.userId,
  });
  return { sent: row.status === "SENT", emailId: row.id };
}
