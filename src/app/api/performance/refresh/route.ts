import { NextResponse } from "next/server";
import { performanceRefreshRequested } from "@/inngest/events";
import { sendAfterCommit } from "@/inngest/send-after-commit";
import { requireViewer } from "@/server/auth/session";
import { getDeps } from "@/server/deps";
import { jsonError, notFound, parseJsonBody, refuseCrossSite } from "@/server/http";
import { checkRefreshAllowed, refreshBody } from "@/server/performance/refresh-request";

/** "Refresh numbers" on the campaign page: queues a pull of that campaign (debounced per campaign in the function). */
export async function POST(req: Request) {
  const crossSite = refuseCrossSite(req);
  if (crossSite) return crossSite;
  const viewer = await requireViewer(req.headers);
  if (viewer instanceof NextResponse) return viewer;
  const body = await parseJsonBody(req, refreshBody);
  if (!body.ok) return body.response;
  const { db } = await getDeps();
  const check = await checkRefreshAllowed(db, { organizationId: viewer.organizationId, campaignId: body.data.campaignId });
  if (!check.ok) return check.status === 404 ? notFound(check.message) : jsonError(409, check.message);
  const { record } = check;
  // A fresh id per press: the function's debounce folds a burst into one pull, a later press must pull again.
  const { sent } = await sendAfterCommit(
    performanceRefreshRequested.create(
      {
        organizationId: record.organizationId,
        projectId: record.projectId,
        campaignId: record.id,
        adAccountId: record.adAccountId,
        requestedBy: viewer.userId,
      },
      { id: `performance-refresh-${record.id}-${crypto.randomUUID()}` },
    ),
  );
  return NextResponse.json(
    { queued: sent, ...(sent ? {} : { warning: "The numbers could not be refreshed right now. Try again in a moment." }) },
    { status: 202 },
  );
}
