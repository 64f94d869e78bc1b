import { getAuth } from "@/server/auth/auth";
import { guardAuthRequest } from "@/server/auth/guard-request";

// better-auth serves sign-up, sign-in, sign-out and get-session under /api/auth/*.
// The instance is resolved per request so it binds to whatever db getDeps() provides.
async function handle(req: Request): Promise<Response> {
  const guarded = await guardAuthRequest(req);
  if (guarded instanceof Response) return guarded;
  const auth = await getAuth();
  return auth.handler(guarded);
}

export const GET = handle;
export const POST = handle;
