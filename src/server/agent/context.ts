import type { Db } from "@/server/db";
import { briefFieldsOf, getLatestBrief } from "@/server/onboarding/briefs";
import type { BriefFields } from "@/server/onboarding/brief-schema";
import { getConversation, listMessages, type Message } from "@/server/onboarding/conversations";
import type { ChatTurn } from "@/server/services/llm";

/** The model sees the brief and this many of the conversation's newest messages, never all of them. */
export const AGENT_CONTEXT_MESSAGES = 20;

export interface AgentContext {
  /** False for an archived (or missing) conversation: nothing is answered there. */
  active: boolean;
  brief: BriefFields | null;
  briefVersion: number | null;
  turns: ChatTurn[];
}

/**
 * Turns for the model: user and assistant text (cards included, as the owner saw them), system
 * lines left out; consecutive turns of one role joined, and the turns start with the owner's.
 */
export function toAgentTurns(rows: Pick<Message, "role" | "content">[]): ChatTurn[] {
  const turns: ChatTurn[] = [];
  for (const row of rows) {
    if (row.role === "SYSTEM" || !row.content.trim()) continue;
    const role = row.role === "USER" ? "user" : "assistant";
    const last = turns.at(-1);
    if (last?.role === role) last.content += `\n\n${row.content}`;
    else turns.push({ role, content: row.content });
  }
  while (turns[0]?.role === "assistant") turns.shift();
  return turns;
}

export async function loadAgentContext(
  db: Db,
  opts: { organizationId: string; projectId: string; conversationId: string },
): Promise<AgentContext> {
  const conversation = await getConversation(db, opts);
  if (!conversation || conversation.status === "ARCHIVED" || conversation.type === "ONBOARDING") {
    return { active: false, brief: null, briefVersion: null, turns: [] };
  }
  const [brief, rows] = await Promise.all([
    getLatestBrief(db, opts),
    listMessages(db, { ...opts, limit: AGENT_CONTEXT_MESSAGES }),
  ]);
  return {
    active: true,
    brief: brief ? briefFieldsOf(brief) : null,
    briefVersion: brief?.version ?? null,
    turns: toAgentTurns(rows),
  };
}
