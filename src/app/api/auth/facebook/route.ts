import { NextResponse } from "next/server";
import { z } from "zod";
import { env } from "@/env";
import { requireViewer } from "@/server/auth/session";
import { loadSigningSecret } from "@/server/crypto/keys";
import { getDeps } from "@/server/deps";
import { notFound, parseJsonBody, parseQuery, refuseCrossSite } from "@/server/http";
import { FACEBOOK_SCOPES, facebookCallbackUrl, returnPath } from "@/server/facebook/oauth";
import { issueOAuthState } from "@/server/facebook/oauth-state";
import { getProject } from "@/server/projects";

// Project ids are UUIDs; anything else (a NUL included) must not reach a query.
const query = z.object({ projectId: z.uuid({ error: "is not a project id" }).optional() });
const body = z.object({});

/**
 * Starts the Facebook login: a signed, single-use state bound to this user, org and project, and
 * the dialog URL for the browser to visit. A POST (with the same-origin check) because starting
 * leads straight back to the callback when Facebook remembers the app: as a GET, any site could
 * make a signed-in browser replace its connection.
 */
export async function POST(req: Request) {
  const crossSite = refuseCrossSite(req);
  if (crossSite) return crossSite;
  const viewer = await requireViewer(req.headers);
  if (viewer instanceof NextResponse) return viewer;
  const parsedBody = await parseJsonBody(req, body);
  if (!parsedBody.ok) return parsedBody.response;
  const parsed = parseQuery(req, query);
  if (!parsed.ok) return parsed.response;
  const { db, services } = await getDeps();
  const projectId = parsed.data.projectId ?? null;
  if (projectId && !(await getProject(db, viewer.organizationId, projectId))) return notFound("Project not found");
  const state = await issueOAuthState(db, {
    organizationId: viewer.organizationId,
    userId: viewer.userId,
    projectId,
    secret: loadSigningSecret(env()),
  });
  const dialogUrl = services.facebook.oauthDialogUrl({ state, redirectUri: facebookCallbackUrl(env()), scopes: FACEBOOK_SCOPES });
  return NextResponse.json({ dialogUrl });
}

/**
 * Old links (reconnect emails, notifications) land here: they only lead back to the project, where
 * the Connect button starts the flow with a POST. Nothing is written.
 */
export function GET(req: Request) {
  const parsed = parseQuery(req, query);
  const projectId = parsed.ok ? (parsed.data.projectId ?? null) : null;
  return NextResponse.redirect(new URL(returnPath(projectId, { facebook: "connect" }), env().APP_URL), 303);
}
