import { http, HttpResponse } from "msw";

/**
 * A fake Supabase Storage REST API for msw, holding one bucket's objects in memory, so the real
 * `@supabase/supabase-js` client runs unchanged. Signed links are served until their `expiresIn`
 * passes (read from `Date.now()`, so faked time moves it). `failNext` scripts the next reply as an error
 * (a status + JSON body, or a malformed body) to exercise the error paths.
 */
export const SUPABASE_TEST_URL = "https://supabase.test";
export const SUPABASE_TEST_KEY = "service-role-test-key";

interface StoredBlob {
  body: Buffer;
  contentType: string;
}

export interface RecordedStorageRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
}

type ScriptedFailure = { status: number; body: string; contentType?: string };

export function createSupabaseStorageMock(opts: { url?: string; bucket?: string } = {}) {
  const base = `${opts.url ?? SUPABASE_TEST_URL}/storage/v1`;
  const basePath = new URL(base).pathname;
  const bucket = opts.bucket ?? "artifacts";
  const objects = new Map<string, StoredBlob>();
  const requests: RecordedStorageRequest[] = [];
  const failures: ScriptedFailure[] = [];
  // When each signed link stops working (ms), by "<key>?token=<token>": a link is served until then.
  const signedUntil = new Map<string, number>();

  const notFound = () =>
    // What the Storage API really answers for a missing object: HTTP 400 with statusCode "404".
    HttpResponse.json({ statusCode: "404", error: "not_found", message: "Object not found" }, { status: 400 });

  const handler = http.all(`${base}/*`, async ({ request }) => {
    const url = new URL(request.url);
    const route = decodeURIComponent(url.pathname).slice(basePath.length);
    requests.push({ method: request.method, path: route, headers: Object.fromEntries(request.headers.entries()) });
    // A signed link carries its token instead of the service key.
    const isSignedLink = request.method === "GET" && route.startsWith(`/object/sign/`);
    if (!isSignedLink && request.headers.get("authorization") !== `Bearer ${SUPABASE_TEST_KEY}`) {
      return HttpResponse.json({ statusCode: "403", error: "Unauthorized", message: "Invalid key" }, { status: 403 });
    }
    const failure = failures.shift();
    if (failure) {
      return new HttpResponse(failure.body, {
        status: failure.status,
        headers: { "content-type": failure.contentType ?? "application/json" },
      });
    }

    const signPrefix = `/object/sign/${bucket}/`;
    const objectPrefix = `/object/${bucket}/`;
    if (request.method === "GET" && route.startsWith(signPrefix)) {
      // Following a signed link: what Supabase answers for an expired token is a 400 naming the JWT check.
      const key = route.slice(signPrefix.length);
      const until = signedUntil.get(`${key}?token=${url.searchParams.get("token")}`);
      if (until === undefined) return HttpResponse.json({ statusCode: "400", error: "InvalidJWT", message: "invalid signature" }, { status: 400 });
      if (Date.now() > until) return HttpResponse.json({ statusCode: "400", error: "InvalidJWT", message: '"exp" claim timestamp check failed' }, { status: 400 });
      const stored = objects.get(key);
      if (!stored) return notFound();
      return new HttpResponse(new Uint8Array(stored.body), { headers: { "content-type": stored.contentType } });
    }
    if (request.method === "POST" && route.startsWith(signPrefix)) {
      const key = route.slice(signPrefix.length);
      if (!objects.has(key)) return notFound();
      const { expiresIn } = (await request.json()) as { expiresIn: number };
      signedUntil.set(`${key}?token=fake-${expiresIn}`, Date.now() + expiresIn * 1000);
      return HttpResponse.json({ signedURL: `/object/sign/${bucket}/${key}?token=fake-${expiresIn}` });
    }
    if (request.method === "POST" && route.startsWith(objectPrefix)) {
      const key = route.slice(objectPrefix.length);
      if (objects.has(key) && request.headers.get("x-upsert") !== "true") {
        return HttpResponse.json(
          { statusCode: "409", error: "Duplicate", message: "The resource already exists" },
          { status: 400 },
        );
      }
      const body = Buffer.from(await request.arrayBuffer());
      objects.set(key, { body, contentType: request.headers.get("content-type") ?? "application/octet-stream" });
      return HttpResponse.json({ Id: `id-${key}`, Key: `${bucket}/${key}` });
    }
    if (request.method === "GET" && route.startsWith(objectPrefix)) {
      const stored = objects.get(route.slice(objectPrefix.length));
      if (!stored) return notFound();
      return new HttpResponse(new Uint8Array(stored.body), { headers: { "content-type": stored.contentType } });
    }
    if (request.method === "DELETE" && route === `/object/${bucket}`) {
      const { prefixes } = (await request.json()) as { prefixes: string[] };
      const removed = prefixes.filter((p) => objects.delete(p));
      return HttpResponse.json(removed.map((name) => ({ name, bucket_id: bucket })));
    }
    return HttpResponse.json({ statusCode: "404", error: "not_found", message: `No route ${route}` }, { status: 404 });
  });

  return {
    handlers: [handler],
    objects,
    requests,
    failNext(failure: ScriptedFailure) {
      failures.push(failure);
    },
  };
}
