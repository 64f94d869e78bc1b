import { NextResponse } from "next/server";
import { z } from "zod";
import { recordProposalOutcome } from "@/server/agent/brief-proposals";
import { requireViewer } from "@/server/auth/session";
import { getDeps } from "@/server/deps";
import { jsonError, notFound, parseJsonBody, refuseCrossSite } from "@/server/http";
import { isUuid } from "@/server/route-params";

type Ctx = { params: Promise<{ messageId: string }> };

const outcomeBody = z.object({ outcome: z.enum(["confirmed", "dismissed"], { error: "must be confirmed or dismissed" }) });

/** The owner confirmed (after the brief route saved it) or dismissed a brief change card: the card shows it. */
export async function POST(req: Request, ctx: Ctx) {
  const crossSite = refuseCrossSite(req);
  if (crossSite) return crossSite;
  const viewer = await requireViewer(req.headers);
  if (viewer instanceof NextResponse) return viewer;
  const body = await parseJsonBody(req, outcomeBody);
  if (!body.ok) return body.response;
  const { messageId } = await ctx.params;
  if (!isUuid(messageId)) return notFound("Brief proposal not found");
  const { db } = await getDeps();
  const result = await recordProposalOutcome(db, { organizationId: viewer.organizationId, messageId, outcome: body.data.outcome });
  if (!result.ok) return result.status === 404 ? notFound(result.message) : jsonError(409, result.message);
  return NextResponse.json({ outcome: result.outcome });
}
