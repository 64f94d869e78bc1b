import { NextResponse } from "next/server";
import { sendAfterCommit } from "@/inngest/send-after-commit";
import { agentMessageEvent, ENGINE_DOWN_WARNING, recordAgentMessage } from "@/server/agent/messages";
import { requireViewer } from "@/server/auth/session";
import { getDeps } from "@/server/deps";
import { isUuid } from "@/server/route-params";
import { jsonError, notFound, parseJsonBody, refuseCrossSite } from "@/server/http";
import { getConversation, listMessages, MESSAGE_MAX_CHARS } from "@/server/onboarding/conversations";
import { SEND_MESSAGE_MAX_BYTES, sendMessageBody } from "@/server/onboarding/validation";

type Ctx = { params: Promise<{ conversationId: string }> };

/** Every message of one of the organization's conversations, oldest first. */
export async function GET(req: Request, ctx: Ctx) {
  const viewer = await requireViewer(req.headers);
  if (viewer instanceof NextResponse) return viewer;
  const { conversationId } = await ctx.params;
  if (!isUuid(conversationId)) return notFound("Conversation not found");
  const { db } = await getDeps();
  const conversation = await getConversation(db, { organizationId: viewer.organizationId, conversationId });
  if (!conversation) return notFound("Conversation not found");
  const messages = await listMessages(db, { organizationId: viewer.organizationId, conversationId });
  return NextResponse.json({ conversation, messages });
}

/**
 * The owner writes in a campaign or agent conversation: the message is stored and the agent asked
 * to answer it (202: the reply streams). Onboarding has its own route, the project's conversation.
 */
export async function POST(req: Request, ctx: Ctx) {
  const crossSite = refuseCrossSite(req);
  if (crossSite) return crossSite;
  const viewer = await requireViewer(req.headers);
  if (viewer instanceof NextResponse) return viewer;
  const body = await parseJsonBody(req, sendMessageBody, { maxBytes: SEND_MESSAGE_MAX_BYTES });
  if (!body.ok) {
    if (body.response.status !== 413) return body.response;
    return jsonError(413, `content: is too long: messages are limited to ${MESSAGE_MAX_CHARS} characters`);
  }
  const { conversationId } = await ctx.params;
  if (!isUuid(conversationId)) return notFound("Conversation not found");
  const { db } = await getDeps();
  const stored = await recordAgentMessage(db, { organizationId: viewer.organizationId, conversationId, content: body.data.content });
  if (!stored.ok) {
    if (stored.reason === "onboarding") {
      return jsonError(409, "conversationId: is an onboarding conversation; write to it through /api/projects/:projectId/conversation");
    }
    if (stored.reason === "archived") return jsonError(409, "conversationId: this conversation is archived");
    return notFound("Conversation not found");
  }
  const { sent } = await sendAfterCommit(agentMessageEvent(viewer, stored));
  return NextResponse.json(sent ? stored : { ...stored, warning: ENGINE_DOWN_WARNING }, { status: 202 });
}
