import { NextResponse } from "next/server";
import { inngest } from "@/inngest/client";
import { sendAfterCommit } from "@/inngest/send-after-commit";
import { agentMessageEvent, ENGINE_DOWN_WARNING, recordProjectAgentMessage } from "@/server/agent/messages";
import { onboardingMessageSent } from "@/inngest/events";
import { requireViewer } from "@/server/auth/session";
import { getDeps } from "@/server/deps";
import { isUuid } from "@/server/route-params";
import { jsonError, notFound, parseJsonBody, refuseCrossSite } from "@/server/http";
import { loadChatState } from "@/server/onboarding/chat-state";
import { MESSAGE_MAX_CHARS, recordUserMessage } from "@/server/onboarding/conversations";
import { SEND_MESSAGE_MAX_BYTES, sendMessageBody } from "@/server/onboarding/validation";

type Ctx = { params: Promise<{ projectId: string }> };

export async function GET(req: Request, ctx: Ctx) {
  const viewer = await requireViewer(req.headers);
  if (viewer instanceof NextResponse) return viewer;
  const { projectId } = await ctx.params;
  if (!isUuid(projectId)) return notFound("Project not found");
  const { db } = await getDeps();
  const state = await loadChatState(db, { organizationId: viewer.organizationId, userId: viewer.userId, projectId });
  return state ? NextResponse.json(state) : notFound("Project not found");
}

/**
 * Stores the owner's message and asks the agency to answer it (202: the reply streams): onboarding
 * until the brief is confirmed, then the project's open campaign conversation (created on first use).
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
  const { projectId } = await ctx.params;
  if (!isUuid(projectId)) return notFound("Project not found");
  const { db } = await getDeps();
  const result = await recordUserMessage(db, { organizationId: viewer.organizationId, projectId, content: body.data.content });
  if (!result.ok) {
    if (result.reason === "not-found") return notFound("Project not found");
    return toCampaignConversation(db, viewer, { projectId, content: body.data.content });
  }
  try {
    // The event id is the message id: a double submit of one stored message cannot start two replies.
    await inngest.send(
      onboardingMessageSent.create(
        { organizationId: viewer.organizationId, projectId, conversationId: result.conversationId, messageId: result.messageId, userId: viewer.userId },
        { id: `onboarding-message-${result.messageId}` },
      ),
    );
  } catch (error) {
    console.error("onboarding/message.sent could not be sent", { messageId: result.messageId, error: String(error) });
    return NextResponse.json(
      { ...result, warning: "Message saved, but the agency could not be reached to answer it. Is the Inngest dev server running?" },
      { status: 202 },
    );
  }
  return NextResponse.json(result, { status: 202 });
}

/** After onboarding: the message goes to the agent in the project's campaign conversation. */
async function toCampaignConversation(
  db: Awaited<ReturnType<typeof getDeps>>["db"],
  viewer: { organizationId: string; userId: string },
  opts: { projectId: string; content: string },
) {
  const stored = await recordProjectAgentMessage(db, { organizationId: viewer.organizationId, ...opts });
  if (!stored.ok) return notFound("Project not found");
  const { sent } = await sendAfterCommit(agentMessageEvent(viewer, stored));
  const body = { ...stored, agent: true };
  return NextResponse.json(sent ? body : { ...body, warning: ENGINE_DOWN_WARNING }, { status: 202 });
}
