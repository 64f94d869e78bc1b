import { NextResponse } from "next/server";
import { z } from "zod";
import { requireViewer } from "@/server/auth/session";
import { getDeps } from "@/server/deps";
import { listOrganizationAdAccountIds } from "@/server/facebook/organization-ad-accounts";
import { notFound, parseQuery } from "@/server/http";
import { listSimulatedObjects } from "@/server/services/facebook";

const query = z.object({ adAccountId: z.string().regex(/^act_\d+$/, "must be act_<digits>").optional() });

/**
 * Dev-only window into the simulated ad accounts of the viewer's organization (one account when
 * `adAccountId` names it); absent (404) whenever the real Graph API is in use. Another
 * organization's account answers 404, like a missing one.
 */
export async function GET(req: Request) {
  const { db, services } = await getDeps();
  if (services.facebook.kind !== "simulated") return notFound();
  const viewer = await requireViewer(req.headers);
  if (viewer instanceof NextResponse) return viewer;
  const parsed = parseQuery(req, query);
  if (!parsed.ok) return parsed.response;
  const own = await listOrganizationAdAccountIds(db, viewer.organizationId);
  const wanted = parsed.data.adAccountId;
  if (wanted && !own.includes(wanted)) return notFound("No such ad account in your organization");
  const objects = [];
  for (const adAccountId of wanted ? [wanted] : own) objects.push(...(await listSimulatedObjects(db, adAccountId)));
  return NextResponse.json({ simulated: true, adAccountIds: wanted ? [wanted] : own, objects });
}
