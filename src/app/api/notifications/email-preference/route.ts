import { NextResponse } from "next/server";
import { z } from "zod";
import { requireViewer } from "@/server/auth/session";
import { getDeps } from "@/server/deps";
import { parseJsonBody, refuseCrossSite } from "@/server/http";
import { EMAIL_PREFERENCE_LEVELS, getEmailPreference, setEmailPreference } from "@/server/notifications/email-preferences";

const body = z.object({ level: z.enum(EMAIL_PREFERENCE_LEVELS) }).strict();

/** The viewer's own email level (ALL when never changed). It is per person, not per organization. */
export async function GET(req: Request) {
  const viewer = await requireViewer(req.headers);
  if (viewer instanceof NextResponse) return viewer;
  const { db } = await getDeps();
  return NextResponse.json({ level: await getEmailPreference(db, viewer.userId) });
}

/** Sets the viewer's own email level. */
export async function PUT(req: Request) {
  const crossSite = refuseCrossSite(req);
  if (crossSite) return crossSite;
  const viewer = await requireViewer(req.headers);
  if (viewer instanceof NextResponse) return viewer;
  const parsed = await parseJsonBody(req, body);
  if (!parsed.ok) return parsed.response;
  const { db } = await getDeps();
  return NextResponse.json({ level: await setEmailPreference(db, { userId: viewer.userId, level: parsed.data.level }) });
}
