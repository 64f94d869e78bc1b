import { NextResponse } from "next/server";
import { getCampaign } from "@/server/campaigns/records";
import { readCampaignRequest } from "@/server/campaigns/route-helpers";
import { getDeps } from "@/server/deps";
import { notFound } from "@/server/http";
import { listCampaignActions } from "@/server/optimization/ledger";

/** The campaign's action ledger, newest first (members of its organization only; others get 404). */
export async function GET(req: Request, ctx: { params: Promise<{ campaignId: string }> }) {
  const request = await readCampaignRequest(req, ctx);
  if (!request.ok) return request.response;
  const { db } = await getDeps();
  const record = await getCampaign(db, { organizationId: request.viewer.organizationId, campaignId: request.campaignId });
  if (!record) return notFound("Campaign not found");
  const rows = await listCampaignActions(db, { organizationId: record.organizationId, campaignId: record.id });
  const actions = rows.map((a) => ({
    id: a.id,
    rule: a.rule,
    kind: a.kind,
    status: a.status,
    objectId: a.objectId,
    objectIds: a.objectIds,
    reason: a.reason,
    projectedEffect: a.projectedEffect,
    before: a.before,
    after: a.after,
    moneyMovedCents: a.moneyMovedCents,
    budgetChangePercent: a.budgetChangePercent,
    currency: a.currency,
    snapshotDate: a.snapshotDate,
    outcome: a.outcome,
    decidedBy: a.decidedBy,
    appliedAt: a.appliedAt,
    impact: a.impact,
    createdAt: a.createdAt,
  }));
  return NextResponse.json({ campaignId: record.id, conversationId: record.conversationId, actions });
}
