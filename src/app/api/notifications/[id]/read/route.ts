import { NextResponse } from "next/server";
import { z } from "zod";
import { requireViewer } from "@/server/auth/session";
import { getDeps } from "@/server/deps";
import { notFound, refuseCrossSite } from "@/server/http";
import { markNotificationRead } from "@/server/notifications/notifications";

/** Marks one of the viewer's notifications read; anyone else's (or a malformed id) is simply not found. */
export async function POST(req: Request, ctx: { params: Promise<{ id: string }> }) {
  const crossSite = refuseCrossSite(req);
  if (crossSite) return crossSite;
  const viewer = await requireViewer(req.headers);
  if (viewer instanceof NextResponse) return viewer;
  const { id } = await ctx.params;
  if (!z.uuid().safeParse(id).success) return notFound("Notification not found");
  const { db } = await getDeps();
  const updated = await markNotificationRead(db, { organizationId: viewer.organizationId, userId: viewer.userId, id });
  return updated ? NextResponse.json({ id, read: true }) : notFound("Notification not found");
}
