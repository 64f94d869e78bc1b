import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { POST as downloadJob } from "@/app/api/appgen/jobs/[jobId]/download/route";
import { GET as serveStored } from "@/app/api/storage/[...path]/route";
import { setDeps } from "@/server/deps";
import { createSupabaseStorage } from "@/server/services/storage/supabase-storage";
import type { StorageService } from "@/server/services/storage/types";
import { createSupabaseStorageMock, SUPABASE_TEST_KEY, SUPABASE_TEST_URL } from "../../mocks/supabase";
import { embeddedDeps, seedWorld, type World } from "../campaigns/support";
import { params, post, seedFinishedJob, appgenTestDb } from "./jobs-support";

/**
 * The download link's 15 minutes, end to end: the route signs, the link is followed (the local
 * store's own route; Supabase's signed-object endpoint faked by msw), and time is moved past expiry.
 */
const ctx = appgenTestDb();
let w: World;
const ZIP = Buffer.from("PK\u0003\u0004 a zip");
const mock = createSupabaseStorageMock({ bucket: "generated" });
const server = setupServer(...mock.handlers);

beforeAll(async () => {
  server.listen({ onUnhandledRequest: "bypass" });
  w = await seedWorld(ctx.handle.db, { name: "Tess", connect: false });
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  setDeps();
});
afterAll(() => server.close());

async function linkFor(storage: StorageService) {
  setDeps(embeddedDeps(ctx.handle.db, { storage }));
  const { job } = await seedFinishedJob(ctx.handle.db, w, { put: (key) => storage.put(key, ZIP, "application/zip") });
  const res = await downloadJob(post(`/api/appgen/jobs/${job.id}/download`, w.owner.cookie), params(job.id));
  expect(res.status).toBe(200);
  return (await res.json()) as { url: string; expiresAt: string };
}

/** Moves the clock (Date only: timers and I/O keep running) to `ms` after the link was made. */
const at = (issuedAt: number, ms: number) => vi.useFakeTimers({ toFake: ["Date"], now: issuedAt + ms });

function followLocal(url: string) {
  const segments = new URL(url).pathname.replace(/^\/api\/storage\//, "").split("/").map(decodeURIComponent);
  return serveStored(new Request(url), { params: Promise.resolve({ path: segments }) });
}

describe("the download link expires after 15 minutes", () => {
  it("local store: the link downloads the ZIP until its 15 minutes are up, then answers 403 'expired'", async () => {
    const issuedAt = Date.now();
    const link = await linkFor(ctx.storage());
    const ok = await followLocal(link.url);
    expect(ok.status).toBe(200);
    expect(Buffer.from(await ok.arrayBuffer())).toEqual(ZIP);
    at(issuedAt, 14 * 60_000);
    expect((await followLocal(link.url)).status).toBe(200);
    at(Date.parse(link.expiresAt), 1_000);
    const late = await followLocal(link.url);
    expect(late.status).toBe(403);
    expect(await late.json()).toEqual({ error: "This link has expired" });
  });

  it("Supabase: the route asks for a 900-second link, which works before expiry and is refused after", async () => {
    const issuedAt = Date.now();
    const link = await linkFor(createSupabaseStorage({ url: SUPABASE_TEST_URL, serviceRoleKey: SUPABASE_TEST_KEY, bucket: "generated" }));
    expect(link.url).toMatch(new RegExp(`^${SUPABASE_TEST_URL}/storage/v1/object/sign/generated/generated-apps/.+/app\\.zip\\?token=fake-900$`));
    const ok = await fetch(link.url);
    expect(ok.status).toBe(200);
    expect(Buffer.from(await ok.arrayBuffer())).toEqual(ZIP);
    at(issuedAt, 14 * 60_000);
    expect((await fetch(link.url)).status).toBe(200);
    at(issuedAt, 15 * 60_000 + 1_000);
    const late = await fetch(link.url);
    expect(late.status).toBe(400);
    expect(await late.json()).toMatchObject({ error: "InvalidJWT" });
  });

  it("Supabase failing to sign is a 503 that says try again, never a 500", async () => {
    const supabase = createSupabaseStorage({ url: SUPABASE_TEST_URL, serviceRoleKey: SUPABASE_TEST_KEY, bucket: "generated" });
    setDeps(embeddedDeps(ctx.handle.db, { storage: supabase }));
    const { job } = await seedFinishedJob(ctx.handle.db, w, { put: (key) => supabase.put(key, ZIP, "application/zip") });
    mock.failNext({ status: 500, body: JSON.stringify({ statusCode: "500", error: "internal", message: "db down" }) });
    vi.spyOn(console, "error").mockImplementation(() => {});
    const res = await downloadJob(post(`/api/appgen/jobs/${job.id}/download`, w.owner.cookie), params(job.id));
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ error: "The download link could not be made just now. Try again in a minute." });
  });
});
