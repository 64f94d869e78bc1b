/**
 * The message shape the conversation routes return (a `messages` row as JSON). Metadata is parsed
 * per message type by the renderers, so one odd row never breaks the whole thread.
 */
export type MessageRole = "USER" | "ASSISTANT" | "SYSTEM";
export type MessageType = "TEXT" | "APPROVAL_REQUEST" | "APPROVAL_RESPONSE" | "AGENT_ACTION" | "FB_CONNECT";

export interface ChatMessage {
  id: string;
  role: MessageRole;
  type: MessageType;
  content: string;
  metadata: Record<string, unknown> | null;
  createdAt: string;
}
