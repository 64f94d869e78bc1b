import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GET } from "@/app/api/storage/[...path]/route";
import { parseEnv, resetEnv } from "@/env";
import type { Db } from "@/server/db/client";
import { createStorage, describeStorage, localStorageRoot } from "@/server/services/storage";
import { createLocalStorage } from "@/server/services/storage/local-storage";
import { resolveSigningSecret } from "@/server/services/storage/signing-secret";
import { StorageNotFoundError, type StorageService } from "@/server/services/storage/types";

let dataDir: string;
let storage: StorageService;

/** The same store as `createStorage` builds, with its clock shifted so links can be born expired. */
function storeWithClockOffset(offsetSeconds: number): StorageService {
  const env = parseEnv(process.env);
  return createLocalStorage({
    root: localStorageRoot(env),
    appUrl: env.APP_URL,
    getSecret: () => resolveSigningSecret(env),
    now: () => Math.floor(Date.now() / 1000) + offsetSeconds,
  });
}

/** Calls the route the way Next does: catch-all params are the decoded path segments. */
function callRoute(url: string) {
  const { pathname } = new URL(url);
  const segments = pathname
    .replace(/^\/api\/storage\//, "")
    .split("/")
    .map(decodeURIComponent);
  return GET(new Request(url), { params: Promise.resolve({ path: segments }) });
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "aigency-storage-test-"));
});
beforeEach(() => {
  // The route reads the process env; this file's store and the route must agree on it.
  for (const key of ["SUPABASE_URL", "SUPABASE_SERVICE_ROLE_KEY", "APP_SIGNING_SECRET", "BETTER_AUTH_SECRET"]) {
    delete process.env[key];
  }
  process.env.DATA_DIR = dataDir;
  process.env.APP_URL = "http://localhost:3000";
  resetEnv();
  storage = createStorage({ env: parseEnv(process.env), db: {} as Db });
});
afterAll(async () => {
  delete process.env.DATA_DIR;
  await rm(dataDir, { recursive: true, force: true });
});

describe("local storage", () => {
  it("stores under DATA_DIR/storage and round-trips bytes", async () => {
    const body = Buffer.from([0, 1, 2, 255]);
    expect(storage.kind).toBe("local");
    expect(await storage.put("org-1/bin.dat", body, "application/octet-stream")).toEqual({
      path: "org-1/bin.dat",
      size: 4,
      contentType: "application/octet-stream",
    });
    expect(await readFile(path.join(localStorageRoot({ DATA_DIR: dataDir }), "objects/org-1/bin.dat"))).toEqual(body);
    expect(await storage.get("org-1/bin.dat")).toEqual(body);
  });

  it("throws StorageNotFoundError for a missing object and after remove", async () => {
    await expect(storage.get("org-1/none.txt")).rejects.toBeInstanceOf(StorageNotFoundError);
    await expect(storage.signedUrl("org-1/none.txt", 60)).rejects.toBeInstanceOf(StorageNotFoundError);
    await storage.put("org-1/tmp.txt", Buffer.from("t"), "text/plain");
    await storage.remove(["org-1/tmp.txt"]);
    await expect(storage.get("org-1/tmp.txt")).rejects.toBeInstanceOf(StorageNotFoundError);
  });

  it("keeps a generated dev signing key in DATA_DIR and says so", async () => {
    await storage.put("org-1/k.txt", Buffer.from("k"), "text/plain");
    await storage.signedUrl("org-1/k.txt", 60);
    expect((await stat(path.join(dataDir, "storage-signing.key"))).mode & 0o777).toBe(0o600);
    expect(describeStorage(parseEnv(process.env)).detail).toContain("dev key");
  });
});

describe("GET /api/storage/[...path]", () => {
  it("serves a valid signed link with the stored content type", async () => {
    await storage.put("org-1/page.html", Buffer.from("<h1>Hi</h1>"), "text/html");
    const res = await callRoute(await storage.signedUrl("org-1/page.html", 60));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html");
    expect(res.headers.get("content-security-policy")).toContain("sandbox");
    expect(await res.text()).toBe("<h1>Hi</h1>");
  });

  it("answers 403 for an expired link", async () => {
    await storage.put("org-1/old.txt", Buffer.from("old"), "text/plain");
    const expired = await storeWithClockOffset(-120).signedUrl("org-1/old.txt", 60);
    const res = await callRoute(expired);
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ error: "This link has expired" });
  });

  it("answers 403 for a tampered path or signature", async () => {
    await storage.put("org-1/a.txt", Buffer.from("a"), "text/plain");
    await storage.put("org-2/a.txt", Buffer.from("secret"), "text/plain");
    const url = new URL(await storage.signedUrl("org-1/a.txt", 60));
    const otherPath = url.toString().replace("org-1", "org-2");
    expect((await callRoute(otherPath)).status).toBe(403);
    url.searchParams.set("sig", "0".repeat(64));
    expect((await callRoute(url.toString())).status).toBe(403);
  });

  it("answers 404 for a validly signed link to a deleted object", async () => {
    await storage.put("org-1/gone.txt", Buffer.from("g"), "text/plain");
    const url = await storage.signedUrl("org-1/gone.txt", 60);
    await storage.remove(["org-1/gone.txt"]);
    expect((await callRoute(url)).status).toBe(404);
  });

  it("answers 400 for path traversal", async () => {
    const res = await GET(new Request("http://localhost:3000/api/storage/x?exp=1&sig=00"), {
      params: Promise.resolve({ path: ["..", "storage-signing.key"] }),
    });
    expect(res.status).toBe(400);
    expect((await callRoute("http://localhost:3000/api/storage/..%2F..%2Fetc/passwd?exp=1&sig=0")).status).toBe(400);
  });

  it("is 404 when Supabase is the configured store", async () => {
    process.env.SUPABASE_URL = "https://x.supabase.co";
    process.env.SUPABASE_SERVICE_ROLE_KEY = "k";
    resetEnv();
    expect((await callRoute("http://localhost:3000/api/storage/a.txt?exp=1&sig=0")).status).toBe(404);
  });
});
