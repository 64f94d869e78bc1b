import { getClientSubscriptionToken } from "inngest/react";
import { NextResponse } from "next/server";
import { inngest } from "@/inngest/client";
import { userNotificationsChannel } from "@/inngest/realtime/notifications";
import { requireViewer } from "@/server/auth/session";
import { jsonError } from "@/server/http";

/**
 * A subscription token for the viewer's own notification channel. The channel comes from the session
 * alone: this route reads no params, so nobody can ask for another user's channel.
 */
export async function GET(req: Request) {
  const viewer = await requireViewer(req.headers);
  if (viewer instanceof NextResponse) return viewer;
  try {
    const token = await getClientSubscriptionToken(inngest, {
      channel: userNotificationsChannel({ userId: viewer.userId }),
      topics: ["created"],
    });
    return NextResponse.json(token);
  } catch (error) {
    console.error("notification token could not be minted", { error: String(error) });
    return jsonError(503, "Live notifications are unavailable (is the Inngest dev server running?); reload to see new ones.");
  }
}
