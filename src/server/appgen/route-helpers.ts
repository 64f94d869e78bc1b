import { NextResponse } from "next/server";
import { z } from "zod";
import { requireViewer, type Viewer } from "@/server/auth/session";
import { getDeps, type Deps } from "@/server/deps";
import { notFound, parseJsonBody, refuseCrossSite } from "@/server/http";
import { isUuid } from "@/server/route-params";
import { findOwnedJob, type AppJobRow } from "./jobs";

export const jobNotFound = () => notFound("App generation job not found");

/** The job routes' actions are named by the URL: a body, if sent, must be an empty object. */
const noBody = z.object({}).strict();

export type OwnedJobRequest = { ok: true; viewer: Viewer; job: AppJobRow; deps: Deps } | { ok: false; response: NextResponse };

/**
 * Everything a `/api/appgen/jobs/:jobId/...` handler checks before it acts: the origin (POST), who is
 * asking, the (empty) body, and that the job is the viewer's own. Another user's job, in the same
 * organization or not, and a malformed id all answer the same 404.
 */
export async function readOwnedJobRequest(req: Request, ctx: { params: Promise<{ jobId: string }> }): Promise<OwnedJobRequest> {
  const crossSite = refuseCrossSite(req);
  if (crossSite) return { ok: false, response: crossSite };
  const viewer = await requireViewer(req.headers);
  if (viewer instanceof NextResponse) return { ok: false, response: viewer };
  if (req.method !== "GET") {
    const body = await parseJsonBody(req, noBody);
    if (!body.ok) return body;
  }
  const { jobId } = await ctx.params;
  if (!isUuid(jobId)) return { ok: false, response: jobNotFound() };
  const deps = await getDeps();
  const job = await findOwnedJob(deps.db, viewer, jobId);
  if (!job) return { ok: false, response: jobNotFound() };
  return { ok: true, viewer, job, deps };
}

export const privateJson = (body: unknown, init: ResponseInit = {}) =>
  NextResponse.json(body, { ...init, headers: { "cache-control": "private, no-store", ...init.headers } });
