import { NextResponse } from "next/server";
import { env } from "@/env";
import { requireViewer } from "@/server/auth/session";
import { getDeps } from "@/server/deps";
import { notFound, parseJsonBody, refuseCrossSite } from "@/server/http";
import { advanceClockInput, advanceOrganizationClock, organizationClock, simulatedControlsEnabled } from "@/server/services/facebook/simulated-dev";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** How far the viewer's organization's simulated ad accounts run ahead of real time (dev/test only). */
export async function GET(req: Request) {
  const { db, services } = await getDeps();
  if (!simulatedControlsEnabled(services.facebook, env())) return notFound();
  const viewer = await requireViewer(req.headers);
  if (viewer instanceof NextResponse) return viewer;
  return NextResponse.json(await organizationClock(db, viewer.organizationId));
}

/** Advances the viewer's organization's simulated ad accounts by `days` (1–60), so a week of delivery passes in a click. */
export async function POST(req: Request) {
  const crossSite = refuseCrossSite(req);
  if (crossSite) return crossSite;
  const { db, services } = await getDeps();
  if (!simulatedControlsEnabled(services.facebook, env())) return notFound();
  const viewer = await requireViewer(req.headers);
  if (viewer instanceof NextResponse) return viewer;
  const body = await parseJsonBody(req, advanceClockInput);
  if (!body.ok) return body.response;
  return NextResponse.json(await advanceOrganizationClock(db, viewer.organizationId, body.data.days));
}
