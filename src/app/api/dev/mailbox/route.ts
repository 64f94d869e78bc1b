import { z } from "zod";
import { getDeps } from "@/server/deps";
import { badRequest, fieldErrors, notFound } from "@/server/http";
import { isMailboxEnabled, listMailbox } from "@/server/mail/mailbox";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const querySchema = z.object({ to: z.string().trim().min(3).max(320).optional() });

/** The simulated inbox as JSON, newest first; absent whenever emails are really delivered. */
export async function GET(req: Request) {
  if (!isMailboxEnabled()) return notFound();
  const parsed = querySchema.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!parsed.success) return badRequest(fieldErrors(parsed.error));
  const { db } = await getDeps();
  const emails = await listMailbox(db, { to: parsed.data.to });
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
