import type { Db } from "@/server/db";
import { notifications } from "@/server/db/schema";
import { ensureCampaignConversation, postCampaignMessage } from "@/server/campaigns/records";
import type { NotificationType } from "@/server/notifications/notifications";
import type { OurObject } from "./our-objects";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

export interface OwnerWords {
  title: string;
  message: string;
}

/** What telling the owner wrote (JSON-safe: it crosses a step boundary to be announced). */
export interface Told {
  conversationId: string;
  messageId: string;
  notification: { id: string; organizationId: string; userId: string; type: NotificationType } | null;
}

/**
 * The assistant message in the campaign conversation and the owner's notification for a change
 * Facebook reported, inside the caller's transaction. The dedupe key is derived from the change, so
 * even a second writer that got past the state's compare-and-set could not notify twice.
 */
export async function tellOwner(
  tx: Tx,
  opts: { object: OurObject; words: OwnerWords; kind: string; type: NotificationType; dedupeKey: string; metadata: Record<string, unknown> },
): Promise<Told> {
  const { record } = opts.object;
  const conversationId = record.conversationId ?? (await ensureCampaignConversation(tx, record));
  const messageId = await postCampaignMessage(tx, {
    organizationId: record.organizationId,
    conversationId,
    type: "TEXT",
    role: "ASSISTANT",
    content: `${opts.words.title}\n\n${opts.words.message}`,
    metadata: { kind: opts.kind, title: opts.words.title, campaignId: record.id, objectId: opts.object.objectId, objectType: opts.object.objectType, ...opts.metadata },
  });
  if (!record.ownerUserId) return { conversationId, messageId, notification: null };
  const [n] = await tx
    .insert(notifications)
    .values({
      organizationId: record.organizationId,
      userId: record.ownerUserId,
      projectId: record.projectId,
      conversationId,
      type: opts.type,
      title: opts.words.title,
      body: opts.words.message,
      link: `/projects/${record.projectId}`,
      dedupeKey: opts.dedupeKey,
    })
    .onConflictDoNothing({ target: notifications.dedupeKey })
    .returning();
  return { conversationId, messageId, notification: n ? { id: n.id, organizationId: n.organizationId, userId: n.userId, type: n.type } : null };
}
