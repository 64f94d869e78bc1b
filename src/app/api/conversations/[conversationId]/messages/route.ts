import { NextResponse } from "next/server";
import { requireViewer } from "@/server/auth/session";
import { getDeps } from "@/server/deps";
import { isUuid } from "@/server/route-params";
import { notFound } from "@/server/http";
import { getConversation, listMessages } from "@/server/onboarding/conversations";

/** Every message of one of the organization's conversations, oldest first. */
export async function GET(req: Request, ctx: { params: Promise<{ conversationId: string }> }) {
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
