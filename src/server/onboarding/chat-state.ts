import { and, desc, eq } from "drizzle-orm";
import type { Db } from "@/server/db";
import { conversations } from "@/server/db/schema";
import { describeConnection, findConnection } from "@/server/facebook/connections";
import { getProject } from "@/server/projects";
import { getLatestBrief } from "./briefs";
import { listMessages } from "./conversations";

/**
 * What the project chat shows: the onboarding conversation (the active one, else the latest),
 * its messages, the current brief and the viewer's Facebook connection (never its token).
 */
export async function loadChatState(db: Db, opts: { organizationId: string; userId: string; projectId: string }) {
  const project = await getProject(db, opts.organizationId, opts.projectId);
  if (!project) return null;
  const [conversation] = await db
    .select()
    .from(conversations)
    .where(
      and(
        eq(conversations.organizationId, opts.organizationId),
        eq(conversations.projectId, project.id),
        eq(conversations.type, "ONBOARDING"),
      ),
    )
    .orderBy(desc(conversations.createdAt))
    .limit(1);
  const [messages, brief, connection] = await Promise.all([
    conversation ? listMessages(db, { organizationId: opts.organizationId, conversationId: conversation.id }) : [],
    getLatestBrief(db, { organizationId: opts.organizationId, projectId: project.id }),
    findConnection(db, opts),
  ]);
  return {
    project: { id: project.id, name: project.name },
    conversation: conversation ?? null,
    messages,
    brief,
    facebook: connection ? describeConnection(connection) : null,
  };
}
