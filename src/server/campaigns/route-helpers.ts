import { NextResponse } from "next/server";
import { getViewer, type Viewer } from "@/server/auth/session";
import { badRequest, jsonError, notFound, unauthorized } from "@/server/http";
import type { DecisionResult } from "./approval";
import { campaignIdParam } from "./validation";

/** The signed-in viewer and a valid campaign id, or the response to send instead. */
export async function readCampaignRequest(
  req: Request,
  ctx: { params: Promise<{ campaignId: string }> },
): Promise<{ ok: true; viewer: Viewer; campaignId: string } | { ok: false; response: NextResponse }> {
  const viewer = await getViewer(req.headers);
  if (!viewer) return { ok: false, response: unauthorized() };
  const { campaignId } = await ctx.params;
  const parsed = campaignIdParam.safeParse(campaignId);
  // A malformed id cannot name any campaign: same answer as another organization's.
  if (!parsed.success) return { ok: false, response: notFound("Campaign not found") };
  return { ok: true, viewer, campaignId: parsed.data };
}

export function decisionError(result: Extract<DecisionResult, { ok: false }>): NextResponse {
  return result.status === 404 ? notFound(result.message) : jsonError(409, result.message);
}

export { badRequest };
