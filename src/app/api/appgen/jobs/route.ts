import { NextResponse } from "next/server";
import { appJobRequested } from "@/inngest/events";
import { sendAfterCommit } from "@/inngest/send-after-commit";
import { createAppJob, dailyCapMessage, JOB_BODY_MAX_BYTES } from "@/server/appgen/jobs";
import { generationSpec } from "@/server/appgen/spec";
import { requireViewer } from "@/server/auth/session";
import { getDeps } from "@/server/deps";
import { refuseOverBudget } from "@/server/usage/refuse-over-budget";
import { jsonError, notFound, parseJsonBody, refuseCrossSite } from "@/server/http";

/**
 * Submits a generation job: the body is the generation spec. Answers 202 `{ jobId }` at once (status
 * queued); admission starts it when one of the owner's two slots is free. The 6th job in 24 hours is 429.
 */
export async function POST(req: Request) {
  const crossSite = refuseCrossSite(req);
  if (crossSite) return crossSite;
  const viewer = await requireViewer(req.headers);
  if (viewer instanceof NextResponse) return viewer;
  const body = await parseJsonBody(req, generationSpec, { maxBytes: JOB_BODY_MAX_BYTES });
  if (!body.ok) return body.response;

  const deps = await getDeps();
  const overBudget = await refuseOverBudget(deps, viewer.organizationId);
  if (overBudget) return overBudget;
  const { db } = deps;
  const now = new Date();
  const created = await createAppJob(db, { organizationId: viewer.organizationId, ownerId: viewer.userId, spec: body.data, now });
  if (!created.ok) {
    if (created.reason === "project-not-found") return notFound("Project not found");
    if (created.reason === "design-not-found") return notFound("Design not found");
    const retryAfter = Math.max(1, Math.ceil((created.nextSlotAt.getTime() - now.getTime()) / 1000));
    const refused = jsonError(429, dailyCapMessage(created.nextSlotAt, now));
    refused.headers.set("retry-after", String(retryAfter));
    return refused;
  }

  const event = { organizationId: viewer.organizationId, ownerId: viewer.userId, projectId: body.data.projectId, jobId: created.jobId };
  // The job id is the event id, so a resend can never admit the same job twice.
  const { sent } = await sendAfterCommit(appJobRequested.create(event, { id: created.jobId }));
  const answer = { jobId: created.jobId };
  return NextResponse.json(sent ? answer : { ...answer, warning: "Saved, but the engine could not be told to start. Is the Inngest dev server running?" }, { status: 202 });
}
