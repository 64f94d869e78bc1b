import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, vi } from "vitest";
import { env, resetEnv } from "@/env";
import { inngest } from "@/inngest/client";
import type { Db } from "@/server/db";
import { appGenerationArtifacts, appGenerationJobs, memberships } from "@/server/db/schema";
import { artifactKey } from "@/server/appgen/limits";
import type { GenerationSpec } from "@/server/appgen/spec";
import { setDeps } from "@/server/deps";
import { createStorage, type StorageService } from "@/server/services/storage";
import { createTestDb } from "../../support/db";
import { jsonRequest, signUpTestUser } from "../../support/viewers";
import type { World } from "../campaigns/support";

/** A small, valid generation spec for the world's project: two pages, one of them "/". */
export function validSpec(projectId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    projectId,
    brief: { title: "Corner Bakery", details: "Sourdough subscriptions", audience: "Busy parents", goals: "Sign-ups" },
    style: { name: "Warm", palette: ["#aa5500", "#ffffff"], typography: ["Georgia"], notes: "" },
    globalNotes: "",
    pages: [
      { pageId: "home", route: "/", name: "Home", selectedPreviewHtml: "<!doctype html><h1>Fresh bread</h1>", actions: ["signup"] },
      { pageId: "about", route: "/about", name: "About", selectedPreviewHtml: "<!doctype html><h1>About us</h1>" },
    ],
    ...overrides,
  };
}

export const params = (jobId: string) => ({ params: Promise.resolve({ jobId }) });
export const post = (url: string, cookie: string, body?: unknown) => jsonRequest(url, { method: "POST", cookie, body });
export const get = (url: string, cookie: string) => jsonRequest(url, { cookie });

/** Records what the routes send instead of reaching the engine. */
export function recordSends() {
  const sent: { name: string; id?: string; data: Record<string, unknown> }[] = [];
  vi.spyOn(inngest, "send").mockImplementation(async (payload) => {
    for (const p of Array.isArray(payload) ? payload : [payload]) sent.push(p as (typeof sent)[number]);
    return { ids: [] };
  });
  return sent;
}

/** A job row as the pipeline would have left it, written directly (status, times and spec chosen by the test). */
export async function seedJob(db: Db, w: World, opts: Partial<typeof appGenerationJobs.$inferInsert> = {}) {
  const [job] = await db
    .insert(appGenerationJobs)
    .values({ organizationId: w.organizationId, ownerId: w.owner.userId, projectId: w.projectId, spec: validSpec(w.projectId) as unknown as GenerationSpec, ...opts })
    .returning();
  return job!;
}

/** A finished job with its artifact row (and, when `storage` is given, its object). */
export async function seedFinishedJob(
  db: Db,
  w: World,
  opts: { createdAt?: Date; status?: "completed" | "completed_with_warnings"; put?: (key: string) => Promise<unknown> } = {},
) {
  const job = await seedJob(db, w, { status: opts.status ?? "completed", stage: "done", finishedAt: opts.createdAt ?? new Date(), createdAt: opts.createdAt });
  const storageKey = artifactKey({ ownerId: w.owner.userId, projectId: w.projectId, jobId: job.id });
  await opts.put?.(storageKey);
  const [artifact] = await db
    .insert(appGenerationArtifacts)
    .values({ organizationId: w.organizationId, ownerId: w.owner.userId, projectId: w.projectId, jobId: job.id, storageKey, sizeBytes: 4, checksum: "ab".repeat(32), entryCount: 3, createdAt: opts.createdAt })
    .returning();
  return { job, artifact: artifact!, storageKey };
}

/** Another signed-up user moved into the world's organization: same organization, not the owner. */
export async function seedColleague(db: Db, w: World, name = "Colin") {
  const colleague = await signUpTestUser(db, { name });
  await db.update(memberships).set({ organizationId: w.organizationId }).where(eq(memberships.userId, colleague.userId));
  return colleague;
}

/**
 * A fresh database and a temp DATA_DIR (the local store writes there, and the storage route reads the
 * same env) for one file, with the given env stubbed; everything undone after the file.
 */
export function appgenTestDb(stubs: Record<string, string> = {}) {
  const ctx = {} as { handle: Awaited<ReturnType<typeof createTestDb>>; dataDir: string; storage: () => StorageService };
  ctx.storage = () => createStorage({ env: env(), db: ctx.handle.db });
  beforeAll(async () => {
    ctx.dataDir = await mkdtemp(path.join(tmpdir(), "aigency-appgen-"));
    vi.stubEnv("DATA_DIR", ctx.dataDir);
    for (const [name, value] of Object.entries(stubs)) vi.stubEnv(name, value);
    resetEnv();
    ctx.handle = await createTestDb();
  });
  afterAll(async () => {
    setDeps();
    vi.unstubAllEnvs();
    resetEnv();
    await ctx.handle?.close();
    await rm(ctx.dataDir, { recursive: true, force: true });
  });
  return ctx;
}
