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
  try {
    const token = await getClientSubscriptionToken(inngest, {
      channel: campaignDeployChannel({ campaignId: record.id }),
      topics: ["progress"],
    });
    return NextResponse.json({ token, status: record.status });
  } catch (error) {
    // The engine is down or refused: say so (and still give the status) rather than a 500.
    console.error("progress token could not be minted", { campaignId: record.id, error: String(error) });
    return NextResponse.json(
      { error: "Live progress is unavailable (is the Inngest dev server running?); reload to see the latest status.", status: record.status },
      { status: 503 },
    );
  }
}
