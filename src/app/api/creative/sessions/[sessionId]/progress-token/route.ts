import { NextResponse } from "next/server";
import { getClientSubscriptionToken } from "inngest/react";
import { inngest } from "@/inngest/client";
import { creativeSessionChannel } from "@/inngest/realtime/creative";
import { readCreativeRequest, sessionNotFound } from "@/server/creative/route-helpers";
import { findCreativeSession } from "@/server/creative/sessions";
import { getDeps } from "@/server/deps";

/** A short-lived token to watch one creative session's stages live, for members of its organization. */
export async function GET(req: Request, ctx: { params: Promise<{ sessionId: string }> }) {
  const request = await readCreativeRequest(req, ctx, "sessionId");
  if (!request.ok) return request.response;
  const { db } = await getDeps();
  const session = await findCreativeSession(db, { organizationId: request.viewer.organizationId, sessionId: request.id });
  if (!session) return sessionNotFound();
  try {
    const token = await getClientSubscriptionToken(inngest, { channel: creativeSessionChannel({ sessionId: session.id }), topics: ["stage"] });
    return NextResponse.json({ token });
  } catch (error) {
    // The engine is down or refused: the page still shows the stored versions on reload.
    console.error("creative progress token could not be minted", { sessionId: session.id, error: String(error) });
    return NextResponse.json({ error: "Live progress is unavailable (is the Inngest dev server running?); reload to see the latest status." }, { status: 503 });
  }
}
