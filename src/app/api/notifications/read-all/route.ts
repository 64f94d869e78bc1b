import { NextResponse } from "next/server";
import { requireViewer } from "@/server/auth/session";
import { getDeps } from "@/server/deps";
import { refuseCrossSite } from "@/server/http";
import { markAllNotificationsRead } from "@/server/notifications/notifications";

/** Marks all of the viewer's own unread notifications (in their organization) read; answers how many. */
export async function POST(req: Request) {
  const crossSite = refuseCrossSite(req);
  if (crossSite) return crossSite;
  const viewer = await requireViewer(req.headers);
  if (viewer instanceof NextResponse) return viewer;
  const { db } = await getDeps();
  const count = await markAllNotificationsRead(db, { organizationId: viewer.organizationId, userId: viewer.userId });
  return NextResponse.json({ count });
}
