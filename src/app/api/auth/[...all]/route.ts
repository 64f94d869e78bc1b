import { getAuth } from "@/server/auth/auth";

// better-auth serves sign-up, sign-in, sign-out and get-session under /api/auth/*.
// The instance is resolved per request so it binds to whatever db getDeps() provides.
async function handle(req: Request): Promise<Response> {
  const auth = await getAuth();
  return auth.handler(req);
}

export const GET = handle;
export const POST = handle;
