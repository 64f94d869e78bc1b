import { and, eq, gt, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "@/server/db";
import { conversations, messages } from "@/server/db/schema";
import { appendMessage, type NewMessage } from "./conversations";

/**
 * Replies come out in the order the owner wrote. The engine's per-conversation concurrency limit
 * serializes steps, not runs, so two quick messages' runs interleave. The rule: a run answers its
 * own message and everything before it; a run whose message is followed by a later one leaves the
 * answer to that later run (whose context includes both). `conversations.repliedThroughAt` is the
 * compare-and-set that decides, when both runs got as far as storing, which reply stands.
 */

interface Turn {
  conversationId: string;
  /** The user message this run answers. */
  messageId: string;
}

// Compared in SQL so Postgres' microsecond timestamps are not rounded through a JS Date.
const sentAt = (messageId: string) => sql`(select ${messages.createdAt} from ${messages} where ${messages.id} = ${messageId})`;

/** True when a later user message exists or a reply to this one (or a later one) is stored. */
export async function isTurnTaken(db: Db, turn: Turn): Promise<boolean> {
  const [later] = await db
    .select({ id: messages.id })
    .from(messages)
    .where(and(eq(messages.conversationId, turn.conversationId), eq(messages.role, "USER"), gt(messages.createdAt, sentAt(turn.messageId))))
    .limit(1);
  if (later) return true;
  const [answered] = await db
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(eq(conversations.id, turn.conversationId), sql`${conversations.repliedThroughAt} >= ${sentAt(turn.messageId)}`));
  return Boolean(answered);
}

export type OrderedStore = "stored" | "superseded";

/**
 * Stores the reply to `turn` unless a reply to a later message is already stored: then this one
 * would appear after it, answering an older question, and is dropped. A retried step that
 * already stored its reply finds it and reports "stored".
 */
export async function storeReplyInOrder(db: Db, turn: Turn, reply: NewMessage & { id: string }): Promise<OrderedStore> {
  return db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: messages.id }).from(messages).where(eq(messages.id, reply.id));
    if (existing) return "stored";
    // The row lock this update takes makes a concurrent store wait and then re-check.
    const claimed = await tx
      .update(conversations)
      .set({ repliedThroughAt: sentAt(turn.messageId) })
      .where(
        and(
          eq(conversations.id, turn.conversationId),
          or(isNull(conversations.repliedThroughAt), lt(conversations.repliedThroughAt, sentAt(turn.messageId))),
        ),
      )
      .returning({ id: conversations.id });
    if (claimed.length === 0) return "superseded";
    await appendMessage(tx as unknown as Db, reply);
    return "stored";
  });
}

/**
 * Stores a message that follows this turn's reply (a brief card, a request to restate) only while
 * no later message has been answered: after that, the later run speaks for the conversation.
 */
export async function appendFollowUpInOrder(db: Db, turn: Turn, message: NewMessage & { id: string }): Promise<OrderedStore> {
  return db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: messages.id }).from(messages).where(eq(messages.id, message.id));
    if (existing) return "stored";
    const current = await tx
      .update(conversations)
      .set({ repliedThroughAt: sql`${conversations.repliedThroughAt}` })
      .where(and(eq(conversations.id, turn.conversationId), sql`${conversations.repliedThroughAt} = ${sentAt(turn.messageId)}`))
      .returning({ id: conversations.id });
    if (current.length === 0) return "superseded";
    await appendMessage(tx as unknown as Db, message);
    return "stored";
  });
}
