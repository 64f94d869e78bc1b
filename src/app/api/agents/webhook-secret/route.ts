import { NextResponse } from "next/server";
import { z } from "zod";
import { env } from "@/env";
import { rotateWebhookSecret, PREVIOUS_SECRET_GRACE_MS } from "@/server/agent-tasks/webhook-secrets";
import { privateJson } from "@/server/agent-tasks/route-helpers";
import { requireViewer } from "@/server/auth/session";
import { loadKeyring } from "@/server/crypto/keys";
import { getDeps } from "@/server/deps";
import { forbidden, parseJsonBody, refuseCrossSite } from "@/server/http";

const noBody = z.strictObject({});

/**
 * Creates or rotates the organization's inbound-webhook secret (owners only) and returns it this once:
 * only its ciphertext is kept. The previous secret keeps verifying for 24 hours.
 */
export async function POST(req: Request) {
  const crossSite = refuseCrossSite(req);
  if (crossSite) return crossSite;
  const viewer = await requireViewer(req.headers);
  if (viewer instanceof NextResponse) return viewer;
  const body = await parseJsonBody(req, noBody);
  if (!body.ok) return body.response;
  if (viewer.role !== "OWNER") return forbidden("Only the organization's owner can rotate its webhook secret");
  const { db } = await getDeps();
  const now = new Date();
  const secret = await rotateWebhookSecret(db, loadKeyring(env()), viewer.organizationId, now);
  return privateJson(
    {
      secret,
      url: `${env().APP_URL}/api/webhooks/agents/${viewer.organizationId}`,
      previousValidUntil: new Date(now.getTime() + PREVIOUS_SECRET_GRACE_MS).toISOString(),
    },
    { status: 201 },
  );
}
