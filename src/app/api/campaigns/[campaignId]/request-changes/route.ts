import { NextResponse } from "next/server";
import { campaignPlanChangesRequested } from "@/inngest/events";
import { changesEventId, requestPlanChanges } from "@/server/campaigns/approval";
import { decisionError, readCampaignRequest } from "@/server/campaigns/route-helpers";
import { requestChangesBody } from "@/server/campaigns/validation";
import { sendAfterCommit } from "@/inngest/send-after-commit";
import { getDeps } from "@/server/deps";
import { parseJsonBody, refuseCrossSite } from "@/server/http";

/** The user's words replace this version; the planner answers with the next version to approve. */
export async function POST(req: Request, ctx: { params: Promise<{ campaignId: string }> }) {
  const crossSite = refuseCrossSite(req);
  if (crossSite) return crossSite;
  const request = await readCampaignRequest(req, ctx);
  if (!request.ok) return request.response;
  const body = await parseJsonBody(req, requestChangesBody);
  if (!body.ok) return body.response;
  const { viewer, campaignId } = request;
  const { db } = await getDeps();
  const result = await requestPlanChanges(db, { campaignId, actor: viewer, feedback: body.data.feedback });
  if (!result.ok) return decisionError(result);
  const { record } = result;
  const { sent } = await sendAfterCommit(
    campaignPlanChangesRequested.create(
      {
        organizationId: record.organizationId,
        projectId: record.projectId,
        campaignId: record.id,
        version: record.version,
        requestedBy: viewer.userId,
        feedback: body.data.feedback,
      },
      { id: changesEventId(record) },
    ),
  );
  return NextResponse.json(
    {
      campaign: { id: record.id, version: record.version, status: record.status },
      ...(sent
        ? {}
        : { warning: "Your feedback is saved, but the planner could not be reached. Send it again in a moment." }),
    },
    { status: 202 },
  );
}
