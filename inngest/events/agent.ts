import { eventType } from "inngest";
import { z } from "zod";
import { id, tenant } from "./shared";

/**
 * The owner wrote in a campaign or agent conversation (after onboarding): the agent answers it,
 * acting through its tools. Its id is `agent-message-<messageId>`, so a double submit answers once.
 */
export const agentMessageSent = eventType("agent/message.sent", {
  schema: z.object({ ...tenant, projectId: id, conversationId: id, messageId: id, userId: id }),
});
