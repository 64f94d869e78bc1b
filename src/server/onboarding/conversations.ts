import { and, asc, desc, eq } from "drizzle-orm";
import type { Db } from "@/server/db";
import { conversations, messages, projectBriefs, projects } from "@/server/db/schema";

export type Conversation = typeof conversations.$inferSelect;
export type Message = typeof messages.$inferSelect;
export type NewMessage = typeof messages.$inferInsert;

export const MESSAGE_MAX_CHARS = 4000;

interface Tenant {
  organizationId: string;
}

export async function findActiveOnboarding(db: Db, opts: Tenant & { projectId: string }): Promise<Conversation | null> {
  const [row] = await db
    .select()
    .from(conversations)
    .where(
      and(
        eq(conversations.organizationId, opts.organizationId),
        eq(conversations.projectId, opts.projectId),
        eq(conversations.type, "ONBOARDING"),
        eq(conversations.status, "ACTIVE"),
      ),
    )
    .orderBy(desc(conversations.createdAt))
    .limit(1);
  return row ?? null;
}

export async function getConversation(db: Db, opts: Tenant & { conversationId: string }): Promise<Conversation | null> {
  const [row] = await db
    .select()
    .from(conversations)
    .where(and(eq(conversations.organizationId, opts.organizationId), eq(conversations.id, opts.conversationId)));
  return row ?? null;
}

export type RecordUserMessageResult =
  | { ok: true; conversationId: string; messageId: string; created: boolean }
  | { ok: false; reason: "not-found" | "brief-exists" };

/**
 * Stores the user's message in the project's onboarding conversation, starting one when the
 * project has neither a brief nor an active onboarding. The project row is locked so two first
 * messages sent at once cannot open two conversations.
 */
export async function recordUserMessage(
  db: Db,
  opts: Tenant & { projectId: string; content: string },
): Promise<RecordUserMessageResult> {
  return db.transaction(async (tx) => {
    const [project] = await tx
      .select({ id: projects.id, name: projects.name })
      .from(projects)
      .where(and(eq(projects.id, opts.projectId), eq(projects.organizationId, opts.organizationId)))
      .for("update");
    if (!project) return { ok: false, reason: "not-found" } as const;
    let conversation = await findActiveOnboarding(tx as unknown as Db, opts);
    const created = !conversation;
    if (!conversation) {
      const [brief] = await tx
        .select({ id: projectBriefs.id })
        .from(projectBriefs)
        .where(eq(projectBriefs.projectId, project.id))
        .limit(1);
      if (brief) return { ok: false, reason: "brief-exists" } as const;
      const [inserted] = await tx
        .insert(conversations)
        .values({ organizationId: opts.organizationId, projectId: project.id, type: "ONBOARDING", title: `${project.name}: getting started` })
        .returning();
      if (!inserted) throw new Error("Conversation insert returned no row");
      conversation = inserted;
    }
    const [message] = await tx
      .insert(messages)
      .values({ organizationId: opts.organizationId, conversationId: conversation.id, role: "USER", content: opts.content })
      .returning({ id: messages.id });
    if (!message) throw new Error("Message insert returned no row");
    return { ok: true, conversationId: conversation.id, messageId: message.id, created } as const;
  });
}

/** Oldest first. `limit` keeps the newest ones (the model sees the last N turns). */
export async function listMessages(db: Db, opts: Tenant & { conversationId: string; limit?: number }): Promise<Message[]> {
  const where = and(eq(messages.organizationId, opts.organizationId), eq(messages.conversationId, opts.conversationId));
  if (!opts.limit) return db.select().from(messages).where(where).orderBy(asc(messages.createdAt), asc(messages.id));
  const newest = await db.select().from(messages).where(where).orderBy(desc(messages.createdAt), desc(messages.id)).limit(opts.limit);
  return newest.reverse();
}

/** Insert-once by id: a retried step that already stored its message stores nothing new. */
export async function appendMessage(db: Db, message: NewMessage & { id: string }): Promise<void> {
  await db.insert(messages).values(message).onConflictDoNothing({ target: messages.id });
}

export async function updateMessageMetadata(
  db: Db,
  opts: { messageId: string; metadata: Record<string, unknown> },
): Promise<void> {
  await db.update(messages).set({ metadata: opts.metadata }).where(eq(messages.id, opts.messageId));
}
