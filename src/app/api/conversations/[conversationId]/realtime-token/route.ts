import { getClientSubscriptionToken } from "inngest/react";
import { NextResponse } from "next/server";
import { inngest } from "@/inngest/client";
import { conversationChannel } from "@/inngest/realtime/conversation";
import { requireViewer } from "@/server/auth/session";
import { getDeps } from "@/server/deps";
import { isUuid } from "@/server/route-params";
import { jsonError, notFound } from "@/server/http";
import { getConversation } from "@/server/onboarding/conversations";

/** A subscription token scoped to one conversation the viewer's organization owns. */
export async function GET(req: Request, ctx: { params: Promise<{ conversationId: string }> }) {
  const viewer = await requireViewer(req.headers);
  if (viewer instanceof NextResponse) return viewer;
  const { conversationId } = await ctx.params;
  if (!isUuid(conversationId)) return notFound("Conversation not found");
  const { db } = await getDeps();
  if (!(await getConversation(db, { organizationId: viewer.organizationId, conversationId }))) {
    return notFound("Conversation not found");
  }
  try {
    const token = await getClientSubscriptionToken(inngest, {
      channel: conversationChannel({ conversationId }),
      topics: ["delta", "message", "tool"],
    });
    return NextResponse.json(token);
  } catch (error) {
    console.error("realtime token could not be minted", { conversationId, error: String(error) });
    return jsonError(503, "Live updates are unavailable (is the Inngest dev server running?); reload to see new messages.");
  }
}
