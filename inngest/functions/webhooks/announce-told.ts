import type { GetStepTools } from "inngest";
import type { inngest } from "@/inngest/client";
import { conversationChannel } from "@/inngest/realtime/conversation";
import { notificationCreatedEvent } from "@/server/notifications/events";
import type { Told } from "@/server/webhooks/tell-owner";

/** Shows a message the object handlers posted live and rings the owner's bell; `key` keeps step ids unique per organization. */
export async function announceTold(step: GetStepTools<typeof inngest>, opts: { key: string; told: Told; kind: string }) {
  const { told, key } = opts;
  const channel = conversationChannel({ conversationId: told.conversationId });
  await step.realtime.publish(`announce-${key}`, channel.message, { messageId: told.messageId, role: "ASSISTANT", type: "TEXT", kind: opts.kind });
  if (told.notification) await step.sendEvent(`notify-${key}`, notificationCreatedEvent(told.notification));
}
