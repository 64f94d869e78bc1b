import { NextResponse } from "next/server";
import { getClientSubscriptionToken } from "inngest/react";
import { inngest } from "@/inngest/client";
import { campaignDeployChannel } from "@/inngest/realtime/campaign";
import { getCampaign } from "@/server/campaigns/records";
import { readCampaignRequest } from "@/server/campaigns/route-helpers";
import { getDeps } from "@/server/deps";
import { notFound } from "@/server/http";

/** A short-lived token to watch one campaign's deployment progress live, for members of its organization. */
export async function GET(req: Request, ctx: { params: Promise<{ campaignId: string }> }) {
  const request = await readCampaignRequest(req, ctx);
  if (!request.ok) return request.response;
  const { db } = await getDeps();
  const record = await getCampaign(db, { organizationId: request.viewer.organizationId, campaignId: request.campaignId });
  if (!record) return notFound("Campaign not found");
  const token = await getClientSubscriptionToken(inngest, {
    channel: campaignDeployChannel({ campaignId: record.id }),
    topics: ["progress"],
  });
  return NextResponse.json({ token, status: record.status });
}
