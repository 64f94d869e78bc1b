import { NextResponse } from "next/server";
import type { z } from "zod";
import { requireViewer, type Viewer } from "@/server/auth/session";
import { getDeps, type Deps } from "@/server/deps";
import { notFound, parseJsonBody, refuseCrossSite } from "@/server/http";
import { isUuid } from "@/server/route-params";
import { findOrgIssue, type AgentIssueRow } from "./issue-view";

export const issueNotFound = () => notFound("Agent task not found");

export type IssueRequest<T> = { ok: true; viewer: Viewer; issue: AgentIssueRow; deps: Deps; body: T } | { ok: false; response: NextResponse };

/**
 * Everything a `/api/agents/:id/...` handler checks before it acts, in this order: the origin, who is
 * asking, the body (before the lookup, so a bad body is a 400 whatever the id), then that the issue
 * is the viewer's organization's. Another organization's issue and a malformed id are the same 404.
 */
export async function readIssueRequest<T>(req: Request, ctx: { params: Promise<{ id: string }> }, schema?: z.ZodType<T>): Promise<IssueRequest<T>> {
  const crossSite = refuseCrossSite(req);
  if (crossSite) return { ok: false, response: crossSite };
  const viewer = await requireViewer(req.headers);
  if (viewer instanceof NextResponse) return { ok: false, response: viewer };
  let body = undefined as T;
  if (schema) {
    const parsed = await parseJsonBody(req, schema);
    if (!parsed.ok) return parsed;
    body = parsed.data;
  }
  const { id } = await ctx.params;
  if (!isUuid(id)) return { ok: false, response: issueNotFound() };
  const deps = await getDeps();
  const issue = await findOrgIssue(deps.db, viewer.organizationId, id);
  if (!issue) return { ok: false, response: issueNotFound() };
  return { ok: true, viewer, issue, deps, body };
}

export const privateJson = (body: unknown, init: ResponseInit = {}) =>
  NextResponse.json(body, { ...init, headers: { "cache-control": "private, no-store", ...init.headers } });
