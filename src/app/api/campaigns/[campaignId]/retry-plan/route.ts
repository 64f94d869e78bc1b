import { NextResponse } from "next/server";
import { campaignPlanRetryRequested } from "@/inngest/events";
import { sendAfterCommit } from "@/inngest/send-after-commit";
import { decisionError, readCampaignRequest } from "@/server/campaigns/route-helpers";
import { checkPlanRetryAllowed } from "@/server/campaigns/retry-plan";
import { confirmActionBody } from "@/server/campaigns/validation";
import { getDeps } from "@/server/deps";
import { parseJsonBody, refuseCrossSite } from "@/server/http";

/** "Try again" on a failed plan: the planner runs again for the same version. */
export async function POST(req: Request, ctx: { params: Promise<{ campaignId: string }> }) {
  const crossSite = refuseCrossSite(req);
  if (crossSite) return crossSite;
  const request = await readCampaignRequest(req, ctx);
  if (!request.ok) return request.response;
  const body = await parseJsonBody(req, confirmActionBody);
  if (!body.ok) return body.response;
  const { viewer, campaignId } = request;
  const { db } = await getDeps();
  const result = await checkPlanRetryAllowed(db, { campaignId, actor: viewer });
  if (!result.ok) return decisionError(result);
  const { record } = result;
  // A fresh id per press: the engine drops a repeated id, and a second press after another failure must run.
  const { sent } = await sendAfterCommit(
    campaignPlanRetryRequested.create(
      { organizationId: record.organizationId, projectId: record.projectId, campaignId: record.id, requestedBy: viewer.userId },
      { id: `campaign-plan-retry-${record.id}-${crypto.randomUUID()}` },
    ),
  );
  return NextResponse.json(
    {
      campaign: { id: record.id, version: record.version, status: record.status },
      ...(sent ? {} : { warning: "The planner could not be reached. Press Try again in a moment." }),
    },
    { status: 202 },
  );
}
