import { NextResponse } from "next/server";
import { env } from "@/env";
import { agentIssueSubmitted } from "@/inngest/events";
import { sendAfterCommit } from "@/inngest/send-after-commit";
import { acceptInbound } from "@/server/agent-tasks/inbound-webhook";
import { submitIssue } from "@/server/agent-tasks/issues";
import { loadKeyring } from "@/server/crypto/keys";
import { getDeps } from "@/server/deps";
import { jsonError, notFound, refuseCrossSite } from "@/server/http";
import { isUuid } from "@/server/route-params";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * A task from the organization's own systems, signed with its webhook secret (x-aigency-signature,
 * see src/server/agent-tasks/inbound-signature.ts). A redelivery (same deliveryId) answers the issue
 * the first one made. Bodies, signatures and secrets are never logged.
 */
export async function POST(req: Request, ctx: { params: Promise<{ organizationId: string }> }) {
  const crossSite = refuseCrossSite(req); // senders are servers with no Origin; a browser on another site is refused
  if (crossSite) return crossSite;
  const { organizationId } = await ctx.params;
  // An id that cannot be an organization's has no secret: the same 401 as a wrong signature.
  if (!isUuid(organizationId)) return jsonError(401, "Signature missing, stale or invalid");
  const { db } = await getDeps();
  const accepted = await acceptInbound(req, db, loadKeyring(env()), organizationId, new Date());
  if (!accepted.ok) return accepted.response;
  const { deliveryId, ...fields } = accepted.delivery;
  const submitted = await submitIssue(db, { ...fields, organizationId, source: "WEBHOOK", externalId: deliveryId });
  if (!submitted.ok) return notFound("Project not found");
  // Sent again on a redelivery too: the issue id is the event id, so the engine drops the repeat.
  const { sent } = await sendAfterCommit(agentIssueSubmitted.create({ organizationId, issueId: submitted.issueId, source: "WEBHOOK" }, { id: submitted.issueId }));
  if (!sent && submitted.created) {
    // Saved but not started: 503 so the sender redelivers, which finds this issue and sends again.
    return jsonError(503, "The event engine is unreachable; deliver again later");
  }
  return NextResponse.json({ issueId: submitted.issueId, duplicate: !submitted.created }, { status: submitted.created ? 202 : 200 });
}
