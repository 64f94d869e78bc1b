import { NextResponse } from "next/server";
import { env } from "@/env";
import { requireViewer } from "@/server/auth/session";
import { getDeps } from "@/server/deps";
import { listOrganizationAdAccountIds } from "@/server/facebook/organization-ad-accounts";
import { notFound, parseJsonBody, refuseCrossSite } from "@/server/http";
import { addSimulatedFault, simulatedFaultInput } from "@/server/services/facebook";

/**
 * Queues a Graph error in the simulated account; exists only in simulated mode with test controls
 * on, for a signed-in member, on their own organization's accounts ("*" is for the test harness:
 * the login calls it covers happen before an account exists).
 */
export async function POST(req: Request) {
  const crossSite = refuseCrossSite(req);
  if (crossSite) return crossSite;
  if (env().AIGENCY_TEST_CONTROLS !== "1") return notFound();
  const { db, services } = await getDeps();
  if (services.facebook.kind !== "simulated") return notFound();
  const viewer = await requireViewer(req.headers);
  if (viewer instanceof NextResponse) return viewer;
  const body = await parseJsonBody(req, simulatedFaultInput);
  if (!body.ok) return body.response;
  const { adAccountId } = body.data;
  if (adAccountId !== "*" && !(await listOrganizationAdAccountIds(db, viewer.organizationId)).includes(adAccountId)) {
    return notFound("No such ad account in your organization");
  }
  const fault = await addSimulatedFault(db, body.data);
  return NextResponse.json({ fault }, { status: 201 });
}
