import { NextResponse } from "next/server";
import { z } from "zod";
import { requireViewer } from "@/server/auth/session";
import { getDeps } from "@/server/deps";
import { notFound, parseQuery, safeText } from "@/server/http";
import { isMailboxEnabled, listMailbox } from "@/server/mail/mailbox";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const querySchema = z.object({ to: safeText().trim().min(3).max(320).optional() });

/** The viewer's organization's simulated inbox as JSON, newest first; absent whenever emails are really delivered. */
export async function GET(req: Request) {
  if (!isMailboxEnabled()) return notFound();
  const viewer = await requireViewer(req.headers);
  if (viewer instanceof NextResponse) return viewer;
  const parsed = parseQuery(req, querySchema);
  if (!parsed.ok) return parsed.response;
  const { db } = await getDeps();
  const emails = await listMailbox(db, { viewer, to: parsed.data.to });
  return Response.json({
    simulated: true,
    emails: emails.map((e) => ({
      id: e.id,
      template: e.template,
      from: e.from,
      to: e.to,
      subject: e.subject,
      html: e.html,
      text: e.text,
      status: e.status,
      createdAt: e.createdAt.toISOString(),
    })),
  });
}
