import { NextResponse } from "next/server";
import { z } from "zod";
import { env } from "@/env";
import { getViewer } from "@/server/auth/session";
import { loadSigningSecret } from "@/server/crypto/keys";
import { getDeps } from "@/server/deps";
import { badRequest, fieldErrors, notFound } from "@/server/http";
import { FACEBOOK_SCOPES, facebookCallbackUrl } from "@/server/facebook/oauth";
import { issueOAuthState } from "@/server/facebook/oauth-state";
import { getProject } from "@/server/projects";

// Project ids are UUIDs; anything else (a NUL included) must not reach a query.
const query = z.object({ projectId: z.uuid({ error: "is not a project id" }).optional() });

/** Starts the Facebook login: a signed, single-use state bound to this user, org and project. */
export async function GET(req: Request) {
  const viewer = await getViewer(req.headers);
  if (!viewer) return NextResponse.redirect(new URL("/sign-in", env().APP_URL), 303);
  const parsed = query.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!parsed.success) return badRequest(fieldErrors(parsed.error));
  const { db, services } = await getDeps();
  const projectId = parsed.data.projectId ?? null;
  if (projectId && !(await getProject(db, viewer.organizationId, projectId))) return notFound("Project not found");
  const state = await issueOAuthState(db, {
    organizationId: viewer.organizationId,
    userId: viewer.userId,
    projectId,
    secret: loadSigningSecret(env()),
  });
  const dialog = services.facebook.oauthDialogUrl({ state, redirectUri: facebookCallbackUrl(env()), scopes: FACEBOOK_SCOPES });
  return NextResponse.redirect(dialog, 303);
}
