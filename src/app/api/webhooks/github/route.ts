import { NextResponse } from "next/server";
import { eq } from "drizzle-orm";
import { env } from "@/env";
import { agentIssueSubmitted } from "@/inngest/events";
import { sendAfterCommit } from "@/inngest/send-after-commit";
import { githubHookParams, githubIssuesEvent, issueFromGithub, verifyGithubHookToken } from "@/server/agent-tasks/github";
import { submitIssue } from "@/server/agent-tasks/issues";
import { organizations } from "@/server/db/schema/tenancy";
import { getDeps } from "@/server/deps";
import { badRequest, fieldErrors, jsonError, notFound, parseQuery, readBytesCapped, refuseCrossSite } from "@/server/http";
import { findControlCharacter } from "@/server/http/safe-text";
import { verifyWebhookSignature } from "@/server/webhooks/signature";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const MAX_BYTES = 256 * 1024; // GitHub's issue bodies run to 65 KB of text, and the event carries much more

/**
 * GitHub `issues` webhooks: an opened issue becomes an agent task (source GITHUB) for the organization
 * the hook URL names (see src/server/agent-tasks/github.ts). Off (404) unless GITHUB_WEBHOOK_SECRET is set.
 */
export async function POST(req: Request) {
  const crossSite = refuseCrossSite(req);
  if (crossSite) return crossSite;
  const secret = env().GITHUB_WEBHOOK_SECRET;
  if (!secret) return notFound("GitHub webhooks are not enabled");
  const body = await readBytesCapped(req, MAX_BYTES);
  if (!body.ok) return jsonError(413, `Body is larger than ${body.maxBytes} bytes`);
  if (!verifyWebhookSignature(body.bytes, req.headers.get("x-hub-signature-256"), secret)) return jsonError(401, "Signature missing or invalid");
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(body.bytes));
  } catch {
    return badRequest([{ field: "(body)", message: "is not valid JSON" }]);
  }
  const bad = findControlCharacter(json);
  if (bad !== null) return badRequest([{ field: bad || "(body)", message: "contains a control character" }]);
  const kind = req.headers.get("x-github-event");
  if (kind !== "issues") return NextResponse.json({ ignored: kind ?? "unknown event" }); // ping and the rest
  const event = githubIssuesEvent.safeParse(json);
  if (!event.success) return badRequest(fieldErrors(event.error));
  const query = parseQuery(req, githubHookParams);
  if (!query.ok) return query.response;
  const organizationId = query.data.organization;
  if (!verifyGithubHookToken(organizationId, query.data.token, secret)) return jsonError(401, "The hook URL's token is not valid for this organization");
  if (event.data.action !== "opened") return NextResponse.json({ ignored: `issues.${event.data.action}` });

  const { db } = await getDeps();
  const [org] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, organizationId));
  if (!org) return notFound("Organization not found");
  const submitted = await submitIssue(db, { ...issueFromGithub(event.data), organizationId, source: "GITHUB" });
  if (!submitted.ok) return notFound("Project not found");
  const { sent } = await sendAfterCommit(agentIssueSubmitted.create({ organizationId, issueId: submitted.issueId, source: "GITHUB" }, { id: submitted.issueId }));
  if (!sent && submitted.created) return jsonError(503, "The event engine is unreachable; deliver again later");
  return NextResponse.json({ issueId: submitted.issueId, duplicate: !submitted.created }, { status: submitted.created ? 202 : 200 });
}
