import { NextResponse } from "next/server";
import { z } from "zod";
import { getCampaign } from "@/server/campaigns/records";
import { readCampaignRequest } from "@/server/campaigns/route-helpers";
import { getDeps } from "@/server/deps";
import { notFound, parseQuery } from "@/server/http";
import { campaignSeries } from "@/server/performance/series";

const query = z.object({ days: z.coerce.number().int().min(1).max(365).default(30) });

/** The campaign's daily numbers for the charts: spend, conversions, CTR, ROAS per account day. */
export async function GET(req: Request, ctx: { params: Promise<{ campaignId: string }> }) {
  const request = await readCampaignRequest(req, ctx);
  if (!request.ok) return request.response;
  const parsed = parseQuery(req, query);
  if (!parsed.ok) return parsed.response;
  const { db } = await getDeps();
  const record = await getCampaign(db, { organizationId: request.viewer.organizationId, campaignId: request.campaignId });
  if (!record) return notFound("Campaign not found");
  const series = await campaignSeries(db, record, { days: parsed.data.days });
  return NextResponse.json({ campaignId: record.id, currency: record.currency, series });
}
