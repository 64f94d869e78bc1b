import { NextResponse } from "next/server";
import { campaignCleanupRequested } from "@/inngest/events";
import { cleanupEventId, requestCleanup } from "@/server/campaigns/deploy-actions";
import { decisionError, readCampaignRequest } from "@/server/campaigns/route-helpers";
import { confirmActionBody } from "@/server/campaigns/validation";
import { sendAfterCommit } from "@/inngest/send-after-commit";
import { getDeps } from "@/server/deps";
import { parseJsonBody, refuseCrossSite } from "@/server/http";

/** Claims a failed deployment for cleanup (CLEANING_UP) and asks the cleanup function to delete what it created. */
export async function POST(req: Request, ctx: { params: Promise<{ campaignId: string }> }) {
  const crossSite = refuseCrossSite(req);
  if (crossSite) return crossSite;
  const request = await readCampaignRequest(req, ctx);
  if (!request.ok) return request.response;
  const body = await parseJsonBody(req, confirmActionBody);
  if (!body.ok) return body.response;
  const { viewer, campaignId } = request;
  const { db } = await getDeps();
  const result = await requestCleanup(db, { campaignId, actor: viewer });
  if (!result.ok) return decisionError(result);
  const { record } = result;
  const { sent } = await sendAfterCommit(
    campaignCleanupRequested.create(
      {
        organizationId: record.organizationId,
        projectId: record.projectId,
        campaignId: record.id,
        requestedBy: viewer.userId,
        adAccountId: record.adAccountId ?? undefined,
      },
      { id: cleanupEventId(record) },
    ),
  );
  return NextResponse.json(
    {
      campaign: { id: record.id, status: record.status },
      ...(sent ? {} : { warning: "Saved, but the engine could not be reached. Press Clean up again in a moment." }),
    },
    { status: 202 },
  );
}
