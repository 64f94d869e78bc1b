import { NextResponse } from "next/server";
import { z } from "zod";
import { env } from "@/env";
import { requireViewer } from "@/server/auth/session";
import { getDeps } from "@/server/deps";
import { badRequest, jsonError, notFound, parseJsonBody, refuseCrossSite } from "@/server/http";
import { changeObjectInput, changeOrganizationObject, simulatedControlsEnabled } from "@/server/services/facebook/simulated-dev";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const objectIdParam = z.string().regex(/^\d{1,30}$/, "must be a numeric object id");

/**
 * Changes a simulated campaign, ad set or ad as a person in Ads Manager would (status, ad set daily
 * budget), so a stale proposal can be shown to end in CONFLICT. Dev/test only; the viewer's
 * organization's simulated accounts only (anything else answers 404).
 */
export async function POST(req: Request, ctx: { params: Promise<{ objectId: string }> }) {
  const crossSite = refuseCrossSite(req);
  if (crossSite) return crossSite;
  const { db, services } = await getDeps();
  if (!simulatedControlsEnabled(services.facebook, env())) return notFound();
  const viewer = await requireViewer(req.headers);
  if (viewer instanceof NextResponse) return viewer;
  const objectId = objectIdParam.safeParse((await ctx.params).objectId);
  if (!objectId.success) return notFound("No such simulated object in your organization");
  const body = await parseJsonBody(req, changeObjectInput);
  if (!body.ok) return body.response;
  const outcome = await changeOrganizationObject(db, viewer.organizationId, objectId.data, body.data);
  if (outcome.ok) return NextResponse.json({ simulated: true, object: outcome.object });
  if (outcome.field) return badRequest([{ field: outcome.field, message: outcome.message }]);
  return jsonError(outcome.status, outcome.message);
}
