import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { InvalidStoragePathError } from "@/server/services/storage/paths";
import { createSupabaseStorage, SupabaseStorageError } from "@/server/services/storage/supabase-storage";
import { StorageNotFoundError } from "@/server/services/storage/types";
import { createSupabaseStorageMock, SUPABASE_TEST_KEY, SUPABASE_TEST_URL } from "../../mocks/supabase";

const mock = createSupabaseStorageMock({ bucket: "artifacts" });
const server = setupServer(...mock.handlers);
const storage = createSupabaseStorage({
  url: SUPABASE_TEST_URL,
  serviceRoleKey: SUPABASE_TEST_KEY,
  bucket: "artifacts",
});

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  mock.objects.clear();
  mock.requests.length = 0;
});
afterAll(() => server.close());

describe("Supabase storage (real SDK against msw)", () => {
  it("uploads with an explicit content type and upsert, then downloads the same bytes", async () => {
    const body = Buffer.from("<h1>landing</h1>");
    const stored = await storage.put("org-1/page.html", body, "text/html");
    expect(stored).toEqual({ path: "org-1/page.html", size: body.length, contentType: "text/html" });

    const upload = mock.requests.find((r) => r.method === "POST");
    expect(upload?.headers["content-type"]).toBe("text/html");
    expect(upload?.headers["x-upsert"]).toBe("true");
    expect(await storage.get("org-1/page.html")).toEqual(body);
  });

  it("overwrites an existing object because uploads upsert", async () => {
    await storage.put("org-1/a.txt", Buffer.from("one"), "text/plain");
    await storage.put("org-1/a.txt", Buffer.from("two"), "text/plain");
    expect((await storage.get("org-1/a.txt")).toString()).toBe("two");
  });

  it("returns an absolute signed URL from createSignedUrl", async () => {
    await storage.put("org-1/img.png", Buffer.from([1, 2, 3]), "image/png");
    const url = await storage.signedUrl("org-1/img.png", 600);
    expect(url).toBe(`${SUPABASE_TEST_URL}/storage/v1/object/sign/artifacts/org-1/img.png?token=fake-600`);
  });

  it("maps a missing object to StorageNotFoundError on download and sign", async () => {
    await expect(storage.get("org-1/missing.txt")).rejects.toBeInstanceOf(StorageNotFoundError);
    await expect(storage.signedUrl("org-1/missing.txt", 60)).rejects.toBeInstanceOf(StorageNotFoundError);
  });

  it("removes objects", async () => {
    await storage.put("org-1/x.txt", Buffer.from("x"), "text/plain");
    await storage.remove(["org-1/x.txt"]);
    expect(mock.objects.has("org-1/x.txt")).toBe(false);
  });

  it("surfaces 429 and 500 as SupabaseStorageError with the status", async () => {
    mock.failNext({
      status: 429,
      body: JSON.stringify({ statusCode: "429", error: "too_many", message: "Slow down" }),
    });
    const rateLimited = await storage.put("org-1/a.txt", Buffer.from("a"), "text/plain").catch((e: unknown) => e);
    expect(rateLimited).toBeInstanceOf(SupabaseStorageError);
    expect((rateLimited as SupabaseStorageError).status).toBe(429);

    mock.failNext({ status: 500, body: JSON.stringify({ statusCode: "500", error: "internal", message: "boom" }) });
    const failed = await storage.get("org-1/a.txt").catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(SupabaseStorageError);
    expect((failed as SupabaseStorageError).status).toBe(500);
  });

  it("surfaces a malformed error body as SupabaseStorageError, not a crash", async () => {
    mock.failNext({ status: 502, body: "<html>bad gateway</html>", contentType: "text/html" });
    const err = await storage.signedUrl("org-1/a.txt", 60).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SupabaseStorageError);
    expect((err as SupabaseStorageError).status).toBe(502);
  });

  it("rejects path traversal before any request is made", async () => {
    await expect(storage.put("../etc/passwd", Buffer.from("x"), "text/plain")).rejects.toBeInstanceOf(
      InvalidStoragePathError,
    );
    expect(mock.requests).toHaveLength(0);
  });
});
