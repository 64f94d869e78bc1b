import { realtime } from "inngest";
import { z } from "zod";

/**
 * One channel per conversation. `delta` carries a reply as it is generated (seq restarts at 0 when
 * a retried step streams again, so the browser resets); `message` says a message was stored and the
 * browser should show it from the database, the source of truth; `tool` says which agent tool is
 * running (or finished) for which message.
 */
export const conversationChannel = realtime.channel({
  name: ({ conversationId }: { conversationId: string }) => `conversation:${conversationId}`,
  topics: {
    delta: { schema: z.object({ messageId: z.string(), seq: z.number().int().nonnegative(), delta: z.string() }) },
    // The agent's tools as they run, for the conversation's progress line and the Tools tab's spinner.
    tool: {
      schema: z.object({
        messageId: z.string(),
        toolCallId: z.string(),
        tool: z.string(),
        status: z.enum(["running", "done", "failed"]),
        label: z.string(),
      }),
    },
    message: {
      schema: z.object({
        messageId: z.string(),
        role: z.enum(["USER", "ASSISTANT", "SYSTEM"]),
        type: z.string(),
        kind: z.string().optional(),
      }),
    },
  },
});
