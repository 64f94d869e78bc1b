import { NextResponse } from "next/server";
import { z } from "zod";
import { inngest } from "@/inngest/client";
import { facebookAccountConnected } from "@/inngest/events";
import { requireViewer } from "@/server/auth/session";
import { getDeps } from "@/server/deps";
import { describeConnection, selectAdAccount } from "@/server/facebook/connections";
import { jsonError, parseJsonBody, refuseCrossSite } from "@/server/http";

const body = z.object({ adAccountId: z.string().regex(/^act_\d+$/, "must be an ad account id like act_123") });

const refusals = {
  "no-connection": [404, "No Facebook login to choose an ad account for: connect Facebook first."],
  "unknown-account": [400, "adAccountId: is not one of the ad accounts this Facebook login can use"],
  "inactive-account": [409, "adAccountId: this ad account is disabled or closed on Facebook; pick an active one"],
} as const;

/** The "pick an ad account" step: the pending connection becomes ACTIVE and the agency is told. */
export async function POST(req: Request) {
  const crossSite = refuseCrossSite(req);
  if (crossSite) return crossSite;
  const viewer = await requireViewer(req.headers);
  if (viewer instanceof NextResponse) return viewer;
  const parsed = await parseJsonBody(req, body);
  if (!parsed.ok) return parsed.response;
  const { db } = await getDeps();
  const result = await selectAdAccount(db, { organizationId: viewer.organizationId, userId: viewer.userId, adAccountId: parsed.data.adAccountId });
  if (!result.ok) {
    const [status, message] = refusals[result.reason];
    return jsonError(status, message);
  }
  const { connection } = result;
  try {
    // One event per login and account: a repeated click is deduplicated, a reconnect is announced again.
    const loginAt = (connection.lastRefreshedAt ?? connection.createdAt).getTime();
    await inngest.send(
      facebookAccountConnected.create(
        {
          organizationId: viewer.organizationId,
          connectionId: connection.id,
          userId: viewer.userId,
          adAccountId: parsed.data.adAccountId,
          projectId: connection.projectId ?? undefined,
        },
        { id: `facebook-connected-${connection.id}-${parsed.data.adAccountId}-${loginAt}` },
      ),
    );
  } catch (error) {
    console.error("facebook/account.connected could not be sent", { connectionId: connection.id, error: String(error) });
    return NextResponse.json(
      { connection: describeConnection(connection), warning: "Connected, but the agency could not be notified. Pick the account again to retry." },
      { status: 202 },
    );
  }
  return NextResponse.json({ connection: describeConnection(connection) });
}
