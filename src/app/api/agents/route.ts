import { NextResponse } from "next/server";
import { z } from "zod";
import { agentIssueSubmitted } from "@/inngest/events";
import { sendAfterCommit } from "@/inngest/send-after-commit";
import { submitIssue } from "@/server/agent-tasks/issues";
import { listOrgIssues } from "@/server/agent-tasks/issue-view";
import { privateJson } from "@/server/agent-tasks/route-helpers";
import { submitIssueBody } from "@/server/agent-tasks/submit-body";
import { requireViewer } from "@/server/auth/session";
import { getDeps } from "@/server/deps";
import { refuseOverBudget } from "@/server/usage/refuse-over-budget";
import { notFound, parseJsonBody, parseQuery, refuseCrossSite } from "@/server/http";

/** Hands the agents a task: recorded PENDING, then the engine classifies it. 202 `{ issueId }`. */
export async function POST(req: Request) {
  const crossSite = refuseCrossSite(req);
  if (crossSite) return crossSite;
  const viewer = await requireViewer(req.headers);
  if (viewer instanceof NextResponse) return viewer;
  const body = await parseJsonBody(req, submitIssueBody);
  if (!body.ok) return body.response;

  const deps = await getDeps();
  const overBudget = await refuseOverBudget(deps, viewer.organizationId);
  if (overBudget) return overBudget;
  const { db } = deps;
  const submitted = await submitIssue(db, { ...body.data, organizationId: viewer.organizationId, source: "MANUAL", createdById: viewer.userId });
  if (!submitted.ok) return notFound("Project not found");
  const event = { organizationId: viewer.organizationId, issueId: submitted.issueId, source: "MANUAL" as const };
  // The issue id is the event id: a resend never classifies the same issue twice.
  const { sent } = await sendAfterCommit(agentIssueSubmitted.create(event, { id: submitted.issueId }));
  const answer = { issueId: submitted.issueId };
  return NextResponse.json(sent ? answer : { ...answer, warning: "Saved, but the engine could not be told. Is the Inngest dev server running?" }, { status: 202 });
}

const listQuery = z.object({ projectId: z.uuid().optional() });

/** The organization's latest 50 tasks (optionally one project's), each with its latest job. */
export async function GET(req: Request) {
  const viewer = await requireViewer(req.headers);
  if (viewer instanceof NextResponse) return viewer;
  const query = parseQuery(req, listQuery);
  if (!query.ok) return query.response;
  const { db } = await getDeps();
  return privateJson({ issues: await listOrgIssues(db, viewer.organizationId, query.data.projectId) });
}
