import { NextResponse } from "next/server";
import { z } from "zod";
import { devControlsEnabled, env } from "@/env";
import { requireViewer } from "@/server/auth/session";
import { getDeps } from "@/server/deps";
import { notFound, parseQuery } from "@/server/http";
import { latestDeliveries } from "@/server/webhooks/deliveries";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const querySchema = z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) });

/**
 * Dev/test control for support: the latest Facebook webhook deliveries this installation accepted,
 * raw as signed. Deliveries belong to no organization (which one a change concerns is the handlers'
 * business), so this exists only where dev controls do; absent (404) in production.
 */
export async function GET(req: Request) {
  if (!devControlsEnabled(env())) return notFound();
  const viewer = await requireViewer(req.headers);
  if (viewer instanceof NextResponse) return viewer;
  const parsed = parseQuery(req, querySchema);
  if (!parsed.ok) return parsed.response;
  const { db } = await getDeps();
  const rows = await latestDeliveries(db, parsed.data.limit);
  return NextResponse.json({
    deliveries: rows.map((r) => ({ id: r.id, object: r.object, changeCount: r.changeCount, receivedAt: r.receivedAt.toISOString(), raw: r.raw })),
  });
}
