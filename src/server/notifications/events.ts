import { notificationCreated } from "@/inngest/events";
import type { Notification } from "./notifications";

/** The `notification/created` event for a row, with an id derived from the row so a resend is a no-op. */
export function notificationCreatedEvent(n: Pick<Notification, "id" | "organizationId" | "userId" | "type">) {
  return notificationCreated.create(
    { organizationId: n.organizationId, notificationId: n.id, userId: n.userId, type: n.type },
    { id: `notification-created-${n.id}` },
  );
}
