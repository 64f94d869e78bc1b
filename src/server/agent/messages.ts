import { and, eq } from "drizzle-orm";
import { agentMessageSent } from "@/inngest/events";
import { ensureCampaignConversation } from "@/server/campaigns/records";
import type { Db } from "@/server/db";
import { conversations, messages, projectBriefs, projects } from "@/server/db/schema";

export type RecordAgentMessageResult =
  | { ok: true; projectId: string; conversationId: string; messageId: string }
  | { ok: false; reason: "not-found" | "onboarding" | "archived" | "no-brief" };

async function insertUserMessage(db: Pick<Db, "insert">, opts: { organizationId: string; conversationId: string; content: string }) {
  const [row] = await db
    .insert(messages)
    .values({ organizationId: opts.organizationId, conversationId: opts.conversationId, role: "USER", content: opts.content })
    .returning({ id: messages.id });
  if (!row) throw new Error("Message insert returned no row");
  return row.id;
}

/** Stores the owner's message in one of the organization's campaign or agent conversations. */
export async function recordAgentMessage(
  db: Db,
  opts: { organizationId: string; conversationId: string; content: string },
): Promise<RecordAgentMessageResult> {
  const [conversation] = await db
    .select({ id: conversations.id, projectId: conversations.projectId, type: conversations.type, status: conversations.status })
    .from(conversations)
    .where(and(eq(conversations.organizationId, opts.organizationId), eq(conversations.id, opts.conversationId)));
  if (!conversation) return { ok: false, reason: "not-found" };
  if (conversation.type === "ONBOARDING") return { ok: false, reason: "onboarding" };
  if (conversation.status === "ARCHIVED") return { ok: false, reason: "archived" };
  const messageId = await insertUserMessage(db, opts);
  return { ok: true, projectId: conversation.projectId, conversationId: conversation.id, messageId };
}

/**
 * After onboarding, the project's composer writes to its open CAMPAIGN conversation, created here
 * on first use (the partial unique index keeps one however many first messages race).
 */
export async function recordProjectAgentMessage(
  db: Db,
  opts: { organizationId: string; projectId: string; content: string },
): Promise<RecordAgentMessageResult> {
  return db.transaction(async (tx) => {
    const [project] = await tx
      .select({ id: projects.id })
      .from(projects)
      .where(and(eq(projects.id, opts.projectId), eq(projects.organizationId, opts.organizationId)));
    if (!project) return { ok: false, reason: "not-found" } as const;
    const [brief] = await tx.select({ id: projectBriefs.id }).from(projectBriefs).where(eq(projectBriefs.projectId, project.id)).limit(1);
    if (!brief) return { ok: false, reason: "no-brief" } as const;
    const conversationId = await ensureCampaignConversation(tx, opts);
    const messageId = await insertUserMessage(tx, { ...opts, conversationId });
    return { ok: true, projectId: project.id, conversationId, messageId } as const;
  });
}

/** The event that asks the agent to answer; its id is the message's, so a double submit answers once. */
export function agentMessageEvent(viewer: { organizationId: string; userId: string }, stored: { projectId: string; conversationId: string; messageId: string }) {
  return agentMessageSent.create(
    { organizationId: viewer.organizationId, projectId: stored.projectId, conversationId: stored.conversationId, messageId: stored.messageId, userId: viewer.userId },
    { id: `agent-message-${stored.messageId}` },
  );
}

export const ENGINE_DOWN_WARNING = "Message saved, but the agency could not be reached to answer it. Is the Inngest dev server running?";
