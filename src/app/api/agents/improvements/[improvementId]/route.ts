import { NextResponse } from "next/server";
import { decideImprovement, decideImprovementBody, findImprovement } from "@/server/agent-tasks/improvements/board";
import { requireViewer } from "@/server/auth/session";
import { getDeps } from "@/server/deps";
import { forbidden, notFound, parseJsonBody, refuseCrossSite } from "@/server/http";
import { isUuid } from "@/server/route-params";

const cardNotFound = () => notFound("Improvement not found");

/** An owner marks a card IMPLEMENTED or DISMISSED; members see the board but do not decide. */
export async function POST(req: Request, ctx: { params: Promise<{ improvementId: string }> }) {
  const crossSite = refuseCrossSite(req);
  if (crossSite) return crossSite;
  const viewer = await requireViewer(req.headers);
  if (viewer instanceof NextResponse) return viewer;
  const { improvementId } = await ctx.params;
  const body = await parseJsonBody(req, decideImprovementBody);
  if (!body.ok) return body.response;
  if (!isUuid(improvementId)) return cardNotFound();
  const { db } = await getDeps();
  const scope = { organizationId: viewer.organizationId, improvementId };
  // Another organization's card is not found, whoever asks; a member of this one is told why not.
  if (!(await findImprovement(db, scope))) return cardNotFound();
  if (viewer.role !== "OWNER") return forbidden("Only the organization's owner can decide on improvements");
  const card = await decideImprovement(db, { ...scope, userId: viewer.userId, status: body.data.status });
  if (!card) return cardNotFound();
  return NextResponse.json({ improvement: card });
}
