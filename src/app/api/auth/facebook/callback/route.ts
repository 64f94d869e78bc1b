import { NextResponse } from "next/server";
import { z } from "zod";
import { env } from "@/env";
import { getViewer } from "@/server/auth/session";
import { loadSigningSecret } from "@/server/crypto/keys";
import { getDeps } from "@/server/deps";
import { badRequest, fieldErrors, jsonError, parseQuery, unauthorized } from "@/server/http";
import { connectFacebookAccount, returnPath } from "@/server/facebook/oauth";
import { consumeOAuthState } from "@/server/facebook/oauth-state";

const denied = z.object({
  error: z.string().min(1).max(200),
  error_description: z.string().max(500).optional(),
  state: z.string().max(2000).optional(),
});
const granted = z.object({ code: z.string().min(1).max(2000), state: z.string().min(1, "is required").max(2000) });

/**
 * Facebook sends the browser back here. A refusal (`error=`) returns to the chat with Facebook's
 * reason; a forged, expired or replayed state is a 400 naming which; a good code is exchanged and
 * stored (encrypted) as a pending connection, and the user picks an ad account in the chat.
 */
export async function GET(req: Request) {
  const viewer = await getViewer(req.headers);
  if (!viewer) return unauthorized();
  // Control characters are refused here like everywhere; which fields apply depends on the outcome.
  const query = parseQuery(req, z.record(z.string(), z.string()));
  if (!query.ok) return query.response;
  const params = query.data;
  const { db, services } = await getDeps();
  const secret = loadSigningSecret(env());
  const back = (projectId: string | null, query: Record<string, string>) =>
    NextResponse.redirect(new URL(returnPath(projectId, query), env().APP_URL), 303);

  if (params.error !== undefined) {
    const parsed = denied.safeParse(params);
    if (!parsed.success) return badRequest(fieldErrors(parsed.error));
    // Consume the state anyway so the same link cannot be reused; its project tells us where to return.
    const state = parsed.data.state ? await consumeOAuthState(db, { state: parsed.data.state, secret, userId: viewer.userId }) : null;
    const reason = parsed.data.error === "access_denied" ? "You cancelled the Facebook connection." : "Facebook did not connect.";
    const detail = parsed.data.error_description ? ` Facebook said: ${parsed.data.error_description}` : "";
    return back(state?.ok ? state.claims.projectId : null, { facebook: "error", message: `${reason}${detail}` });
  }

  const parsed = granted.safeParse(params);
  if (!parsed.success) return badRequest(fieldErrors(parsed.error));
  const state = await consumeOAuthState(db, { state: parsed.data.state, secret, userId: viewer.userId });
  if (!state.ok) return jsonError(400, `state: ${state.message}`);
  if (state.claims.organizationId !== viewer.organizationId) return jsonError(400, "state: was issued for another organization");

  const result = await connectFacebookAccount(
    { db, facebook: services.facebook, env: env() },
    { organizationId: viewer.organizationId, userId: viewer.userId, projectId: state.claims.projectId, code: parsed.data.code },
  );
  if (!result.ok) return back(state.claims.projectId, { facebook: "error", message: result.message });
  return back(state.claims.projectId, { facebook: "pick-account" });
}
