import { NextResponse } from "next/server";
import { inngest } from "@/inngest/client";
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

/** Stores the user's onboarding message and asks the agency to answer it (202: the reply streams). */
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
    return result.reason === "not-found"
      ? notFound("Project not found")
      : jsonError(409, "This project's brief is already confirmed. To change it, edit the brief.");
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
