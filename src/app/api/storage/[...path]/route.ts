import { env } from "@/env";
import { jsonError, notFound } from "@/server/http";
import { localStorageRoot } from "@/server/services/storage";
import { readLocalObject } from "@/server/services/storage/local-storage";
import { InvalidStoragePathError, normalizeStoragePath } from "@/server/services/storage/paths";
import { verifyStorageSignature } from "@/server/services/storage/signing";
import { resolveSigningSecret } from "@/server/services/storage/signing-secret";
import { StorageNotFoundError } from "@/server/services/storage/types";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * Serves an object of the embedded store to whoever holds a signed, unexpired link. With
 * Supabase configured the links point at Supabase instead, so this route does not exist.
 */
export async function GET(req: Request, ctx: { params: Promise<{ path: string[] }> }) {
  const e = env();
  if (e.SUPABASE_URL) return notFound();

  let key: string;
  try {
    key = normalizeStoragePath((await ctx.params).path.join("/"));
  } catch (err) {
    if (err instanceof InvalidStoragePathError) return jsonError(400, err.message);
    throw err;
  }

  const query = new URL(req.url).searchParams;
  const check = verifyStorageSignature({
    path: key,
    exp: query.get("exp"),
    sig: query.get("sig"),
    secret: await resolveSigningSecret(e),
    now: Math.floor(Date.now() / 1000),
  });
  if (!check.ok) return jsonError(403, check.reason === "expired" ? "This link has expired" : "Invalid link signature");

  try {
    const { body, contentType } = await readLocalObject(localStorageRoot(e), key);
    return new Response(new Uint8Array(body), {
      headers: {
        "content-type": contentType,
        "cache-control": "private, no-store",
        "x-content-type-options": "nosniff",
        // Stored HTML (generated landing pages) runs in an opaque origin, never as the app.
        "content-security-policy": "sandbox allow-scripts",
      },
    });
  } catch (err) {
    if (err instanceof StorageNotFoundError) return notFound("No such object");
    throw err;
  }
}
