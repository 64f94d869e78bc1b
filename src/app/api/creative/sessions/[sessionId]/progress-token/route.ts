import { NextResponse } from "next/server";
import { getClientSubscriptionToken } from "inngest/react";
import { inngest } from "@/inngest/client";
import { creativeSessionChannel } from "@/inngest/realtime/creative";
import { requireViewer } from "@/server/auth/session";
import { loadCreativeSession } from "@/server/creative/view";
import { getDeps } from "@/server/deps";
import { notFound } from "@/server/http";
import { isUuid } from "@/server/route-params";

/** A short-lived token to watch one creative session's stages live, for members of its organization. */
export async function GET(req: Request, ctx: { params: Promise<{ sessionId: string }> }) {
  const viewer = await requireViewer(req.headers);
  if (viewer instanceof NextResponse) return viewer;
  const { sessionId } = await ctx.params;
  if (!isUuid(sessionId)) return notFound("Creative session not found");
  const { db } = await getDeps();
  if (!(await loadCreativeSession(db, { organizationId: viewer.organizationId, sessionId }))) return notFound("Creative session not found");
  try {
    const token = await getClientSubscriptionToken(inngest, { channel: creativeSessionChannel({ sessionId }), topics: ["stage"] });
    return NextResponse.json({ token });
  } catch (error) {
    // The engine is down or refused: the page still refreshes from the stored rows.
    console.error("creative progress token could not be minted", { sessionId, error: String(error) });
    return NextResponse.json({ error: "Live progress is unavailable; the page refreshes every few seconds instead." }, { status: 503 });
  }
}
