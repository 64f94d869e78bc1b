import { NextResponse } from "next/server";
import { creativeGenerationRequested } from "@/inngest/events";
import { sendAfterCommit } from "@/inngest/send-after-commit";
import { resumeSessionBody } from "@/server/creative/inputs";
import { readCreativeRequest, sessionNotFound } from "@/server/creative/route-helpers";
import { addCreativeVersion } from "@/server/creative/sessions";
import { getDeps } from "@/server/deps";
import { refuseOverBudget } from "@/server/usage/refuse-over-budget";
import { parseJsonBody, refuseCrossSite } from "@/server/http";

/** Resume with feedback: the session's next version, queued behind any version still running. */
export async function POST(req: Request, ctx: { params: Promise<{ sessionId: string }> }) {
  const crossSite = refuseCrossSite(req);
  if (crossSite) return crossSite;
  const request = await readCreativeRequest(req, ctx, "sessionId");
  if (!request.ok) return request.response;
  const { viewer, id: sessionId } = request;
  const body = await parseJsonBody(req, resumeSessionBody);
  if (!body.ok) return body.response;

  const deps = await getDeps();
  const overBudget = await refuseOverBudget(deps, viewer.organizationId);
  if (overBudget) return overBudget;
  const { db } = deps;
  const created = await addCreativeVersion(db, {
    organizationId: viewer.organizationId,
    sessionId,
    feedback: body.data.feedback,
    quickChoice: body.data.quickChoice ?? null,
  });
  if (!created) return sessionNotFound();

  const event = { organizationId: viewer.organizationId, sessionId, versionId: created.versionId };
  const { sent } = await sendAfterCommit(creativeGenerationRequested.create(event, { id: created.versionId }));
  const answer = { sessionId, versionId: created.versionId, version: created.version };
  return NextResponse.json(sent ? answer : { ...answer, warning: "Saved, but the engine could not be told to start. Is the Inngest dev server running?" }, { status: 202 });
}
