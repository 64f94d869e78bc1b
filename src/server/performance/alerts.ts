import { and, eq } from "drizzle-orm";
import type { Db } from "@/server/db";
import type { Deps } from "@/server/deps";
import { notifications, performanceAlerts } from "@/server/db/schema";
import type { NotificationType } from "@/server/notifications/notifications";
import { ensureCampaignConversation, postCampaignMessage } from "@/server/campaigns/records";
import { accountNow } from "./account-clock";
import { detectSignificantChanges } from "./detect-changes";
import { loadCampaignPerformance } from "./load-campaign";
import type { Detection } from "./types";

/** What posting an alert needs to know about its campaign (JSON-safe: it crosses a step boundary). */
export interface AlertTarget {
  organizationId: string;
  projectId: string;
  campaignId: string;
  conversationId: string | null;
  ownerUserId: string | null;
}

/** Loads the campaign's rows and reads them at the ad account's "now". Null when there is no live campaign to watch. */
export async function findSignificantChanges(
  deps: Pick<Deps, "db" | "services">,
  opts: { organizationId: string; campaignId: string; adAccountId: string; date: string },
): Promise<{ target: AlertTarget; now: string; detections: Detection[] } | null> {
  const loaded = await loadCampaignPerformance(deps.db, opts);
  // A campaign paused or replaced since the pull: its numbers are history, not news.
  if (!loaded || loaded.record.status !== "ACTIVE") return null;
  const now = await accountNow(deps, opts.adAccountId);
  const { record } = loaded;
  return {
    target: { organizationId: record.organizationId, projectId: record.projectId, campaignId: record.id, conversationId: record.conversationId, ownerUserId: record.ownerUserId },
    now: now.toISOString(),
    detections: detectSignificantChanges({ campaign: loaded.campaign, snapshots: loaded.snapshots, previous: loaded.previous, now }),
  };
}

export interface AlertOutcome {
  /** This run posted it (now or in an earlier attempt of the same run); false when another run had. */
  posted: boolean;
  conversationId: string | null;
  messageId: string | null;
  notification: { id: string; organizationId: string; userId: string; type: NotificationType } | null;
}

const notificationKey = (d: Pick<Detection, "condition" | "day">, campaignId: string) => `performance-alert:${campaignId}:${d.condition}:${d.day}`;

/**
 * Posts one detection at most once per campaign, condition and account day: the alert row, the
 * assistant message and the owner's notification commit together, and the row's unique key lets
 * exactly one of any number of racing runs through. The run that inserted it is stored with it, so a
 * retry of that run (whose first attempt committed but never reported back) still finishes its work.
 */
export async function postAlert(db: Db, opts: { target: AlertTarget; detection: Detection; runId: string }): Promise<AlertOutcome> {
  const { target: t, detection: d } = opts;
  return db.transaction(async (tx) => {
    const [alert] = await tx
      .insert(performanceAlerts)
      .values({ organizationId: t.organizationId, campaignId: t.campaignId, condition: d.condition, day: d.day, objectId: d.objectId ?? null, details: { ...d.details, postedByRun: opts.runId } })
      .onConflictDoNothing({ target: [performanceAlerts.campaignId, performanceAlerts.condition, performanceAlerts.day] })
      .returning({ id: performanceAlerts.id });
    if (!alert) {
      const [existing] = await tx
        .select()
        .from(performanceAlerts)
        .where(and(eq(performanceAlerts.campaignId, t.campaignId), eq(performanceAlerts.condition, d.condition), eq(performanceAlerts.day, d.day)));
      if (existing?.details.postedByRun !== opts.runId) return { posted: false, conversationId: null, messageId: null, notification: null };
      const [n] = await tx.select().from(notifications).where(eq(notifications.dedupeKey, notificationKey(d, t.campaignId)));
      return { posted: true, conversationId: t.conversationId, messageId: existing.messageId, notification: n ? { id: n.id, organizationId: n.organizationId, userId: n.userId, type: n.type } : null };
    }
    const conversationId = t.conversationId ?? (await ensureCampaignConversation(tx, t));
    const messageId = await postCampaignMessage(tx, {
      organizationId: t.organizationId,
      conversationId,
      type: "TEXT",
      role: "ASSISTANT",
      content: `${d.title}\n\n${d.message}`,
      metadata: { kind: "performance-alert", condition: d.condition, day: d.day, title: d.title, campaignId: t.campaignId, objectId: d.objectId ?? null },
    });
    await tx.update(performanceAlerts).set({ messageId }).where(eq(performanceAlerts.id, alert.id));
    if (!t.ownerUserId) return { posted: true, conversationId, messageId, notification: null };
    const [n] = await tx
      .insert(notifications)
      .values({
        organizationId: t.organizationId,
        userId: t.ownerUserId,
        projectId: t.projectId,
        conversationId,
        type: d.condition === "WEEK_COMPLETED" ? "AGENT_UPDATE" : "ALERT",
        title: d.title,
        body: d.message,
        link: `/projects/${t.projectId}`,
        dedupeKey: notificationKey(d, t.campaignId),
      })
      .onConflictDoNothing({ target: notifications.dedupeKey })
      .returning();
    return { posted: true, conversationId, messageId, notification: n ? { id: n.id, organizationId: n.organizationId, userId: n.userId, type: n.type } : null };
  });
}
