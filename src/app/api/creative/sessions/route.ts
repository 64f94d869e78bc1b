import { NextResponse } from "next/server";
import { env } from "@/env";
import { creativeGenerationRequested } from "@/inngest/events";
import { sendAfterCommit } from "@/inngest/send-after-commit";
import { requireViewer } from "@/server/auth/session";
import { checkBrandHost, refusesPrivateBrandHosts } from "@/server/creative/brand-url";
import { createSessionBody } from "@/server/creative/inputs";
import { createCreativeSession } from "@/server/creative/sessions";
import { getDeps } from "@/server/deps";
import { refuseOverBudget } from "@/server/usage/refuse-over-budget";
import { badRequest, notFound, parseJsonBody, refuseCrossSite } from "@/server/http";

/** A new creative session and its version 1, queued; the work runs in the engine, so this answers at once. */
export async function POST(req: Request) {
  const crossSite = refuseCrossSite(req);
  if (crossSite) return crossSite;
  const viewer = await requireViewer(req.headers);
  if (viewer instanceof NextResponse) return viewer;
  const body = await parseJsonBody(req, createSessionBody);
  if (!body.ok) return body.response;

  const host = await checkBrandHost(body.data.brandUrl, { production: refusesPrivateBrandHosts(env()) });
  if (!host.ok) return badRequest([{ field: "brandUrl", message: host.message }]);

  const deps = await getDeps();
  const overBudget = await refuseOverBudget(deps, viewer.organizationId);
  if (overBudget) return overBudget;
  const { db } = deps;
  const created = await createCreativeSession(db, { organizationId: viewer.organizationId, userId: viewer.userId, ...body.data });
  if (!created) return notFound("Project not found");

  const event = { organizationId: viewer.organizationId, sessionId: created.sessionId, versionId: created.versionId };
  // The version id is the event id, so a resend can never start a second run of the same version.
  const { sent } = await sendAfterCommit(creativeGenerationRequested.create(event, { id: created.versionId }));
  const answer = { sessionId: created.sessionId, versionId: created.versionId };
  return NextResponse.json(sent ? answer : { ...answer, warning: "Saved, but the engine could not be told to start. Is the Inngest dev server running?" }, { status: 202 });
}
