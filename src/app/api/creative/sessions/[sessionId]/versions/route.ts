import { NextResponse } from "next/server";
import { creativeGenerationRequested } from "@/inngest/events";
import { sendAfterCommit } from "@/inngest/send-after-commit";
import { requireViewer } from "@/server/auth/session";
import { resumeSessionBody } from "@/server/creative/inputs";
import { addCreativeVersion } from "@/server/creative/sessions";
import { getDeps } from "@/server/deps";
import { notFound, parseJsonBody, refuseCrossSite } from "@/server/http";
import { isUuid } from "@/server/route-params";

/** Resume with feedback: the session's next version, queued behind any version still running. */
export async function POST(req: Request, ctx: { params: Promise<{ sessionId: string }> }) {
  const crossSite = refuseCrossSite(req);
  if (crossSite) return crossSite;
  const viewer = await requireViewer(req.headers);
  if (viewer instanceof NextResponse) return viewer;
  const { sessionId } = await ctx.params;
  if (!isUuid(sessionId)) return notFound("Creative session not found");
  const body = await parseJsonBody(req, resumeSessionBody);
  if (!body.ok) return body.response;

  const { db } = await getDeps();
  const created = await addCreativeVersion(db, {
    organizationId: viewer.organizationId,
    sessionId,
    feedback: body.data.feedback,
    quickChoice: body.data.quickChoice ?? null,
  });
  if (!created) return notFound("Creative session not found");

  const event = { organizationId: viewer.organizationId, sessionId, versionId: created.versionId };
  const { sent } = await sendAfterCommit(creativeGenerationRequested.create(event, { id: created.versionId }));
  const answer = { sessionId, versionId: created.versionId, version: created.version };
  return NextResponse.json(sent ? answer : { ...answer, warning: "Saved, but the engine could not be told to start. Is the Inngest dev server running?" }, { status: 202 });
}
