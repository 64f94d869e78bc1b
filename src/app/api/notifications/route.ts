import { NextResponse } from "next/server";
import { requireViewer } from "@/server/auth/session";
import { getDeps } from "@/server/deps";
import { describeNotification, listRecentNotifications } from "@/server/notifications/notifications";

/** The bell: the viewer's newest notifications in their organization (read ones too), newest first, with the unread count. */
export async function GET(req: Request) {
  const viewer = await requireViewer(req.headers);
  if (viewer instanceof NextResponse) return viewer;
  const { db } = await getDeps();
  const { items, unreadCount } = await listRecentNotifications(db, { organizationId: viewer.organizationId, userId: viewer.userId });
  return NextResponse.json({ unreadCount, notifications: items.map(describeNotification) });
}
