import { NextResponse } from "next/server";
import { resumeDeployment } from "@/server/campaigns/deploy-actions";
import { decisionError, readCampaignRequest } from "@/server/campaigns/route-helpers";
import { confirmActionBody } from "@/server/campaigns/validation";
import { getDeps } from "@/server/deps";
import { parseJsonBody, refuseCrossSite } from "@/server/http";
import { ENGINE_UNREACHABLE, emitPlanApproved } from "../emit-plan-approved";

/** Resumes a failed deployment of the same version: objects already created are found and skipped. */
export async function POST(req: Request, ctx: { params: Promise<{ campaignId: string }> }) {
  const crossSite = refuseCrossSite(req);
  if (crossSite) return crossSite;
  const request = await readCampaignRequest(req, ctx);
  if (!request.ok) return request.response;
  const body = await parseJsonBody(req, confirmActionBody);
  if (!body.ok) return body.response;
  const { viewer, campaignId } = request;
  const { db } = await getDeps();
  const result = await resumeDeployment(db, { campaignId, actor: viewer });
  if (!result.ok) return decisionError(result);
  const { record } = result;
  const { sent } = await emitPlanApproved(record, viewer);
  return NextResponse.json(
    {
      campaign: { id: record.id, version: record.version, status: record.status },
      ...(sent ? {} : { warning: ENGINE_UNREACHABLE }),
    },
    { status: 202 },
  );
}
