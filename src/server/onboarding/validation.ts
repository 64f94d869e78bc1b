import { z } from "zod";
import { briefFieldsSchema } from "./brief-schema";
import { MESSAGE_MAX_CHARS } from "./conversations";

export const sendMessageBody = z.object({
  content: z
    .string({ error: "is required" })
    .trim()
    .min(1, "must not be empty")
    .max(MESSAGE_MAX_CHARS, `is too long: messages are limited to ${MESSAGE_MAX_CHARS} characters`),
});

export const confirmBriefBody = z.object({ conversationId: z.string().min(1), brief: briefFieldsSchema });

export const reviseBriefBody = z.object({ conversationId: z.string().min(1).optional(), brief: briefFieldsSchema });

// A message at the character cap is at most 4 bytes per character in UTF-8, plus the JSON around it.
export const SEND_MESSAGE_MAX_BYTES = MESSAGE_MAX_CHARS * 4 + 1024;
