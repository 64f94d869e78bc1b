import { NextResponse } from "next/server";
import { z } from "zod";
import { optimizationActionApproved, optimizationActionDismissed } from "@/inngest/events";
import { sendAfterCommit } from "@/inngest/send-after-commit";
import { getViewer } from "@/server/auth/session";
import { getDeps } from "@/server/deps";
import { jsonError, notFound, parseJsonBody, unauthorized } from "@/server/http";
import { actionApprovedEventId, actionDismissedEventId, approveAction, dismissAction } from "@/server/optimization/approval";

const actionIdParam = z.uuid({ error: "is not an action id" });
const approveBody = z.object({ confirm: z.literal(true, { error: "must be true to approve the change" }) });
const dismissBody = z.object({}).strict();

const ENGINE_UNREACHABLE = "Saved. The agency's engine could not be reached just now, so this will be acted on a little later.";

/**
 * Approve or dismiss one action card (the route has refused cross-site requests first): a signed-in member of the owning organization, an explicit
 * body, a compare-and-set in the database, then the event after the commit (deterministic id, so a
 * retried request cannot start a second run). Another organization's action answers 404.
 */
export async function decideAction(
  req: Request,
  ctx: { params: Promise<{ actionId: string }> },
  decision: "approve" | "dismiss",
): Promise<Response> {
  const viewer = await getViewer(req.headers);
  if (!viewer) return unauthorized();
  const parsedId = actionIdParam.safeParse((await ctx.params).actionId);
  // A malformed id names no action: the same answer as another organization's.
  if (!parsedId.success) return notFound("Action not found");
  const body = await parseJsonBody<object>(req, decision === "approve" ? approveBody : dismissBody);
  if (!body.ok) return body.response;

  const deps = await getDeps();
  const actor = { userId: viewer.userId, organizationId: viewer.organizationId };
  const result =
    decision === "approve"
      ? await approveAction(deps, { actionId: parsedId.data, actor })
      : await dismissAction(deps, { actionId: parsedId.data, actor });
  if (!result.ok) return result.status === 404 ? notFound(result.message) : jsonError(409, result.message);

  const a = result.action;
  const ref = { organizationId: a.organizationId, projectId: a.projectId, campaignId: a.campaignId, actionId: a.id, adAccountId: a.adAccountId };
  const { sent } = await sendAfterCommit(
    decision === "approve"
      ? optimizationActionApproved.create({ ...ref, approvedBy: viewer.userId }, { id: actionApprovedEventId(a.id) })
      : optimizationActionDismissed.create({ ...ref, dismissedBy: viewer.userId }, { id: actionDismissedEventId(a.id) }),
  );
  return NextResponse.json(
    { action: { id: a.id, status: a.status }, ...(sent ? {} : { warning: ENGINE_UNREACHABLE }) },
    { status: 202 },
  );
}
