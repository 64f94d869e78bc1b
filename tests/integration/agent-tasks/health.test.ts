import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { eq, inArray } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as health } from "@/app/api/agents/health/route";
import { parseEnv, resetEnv } from "@/env";
import { BACKLOG_MINUTES, checkHealth } from "@/server/agent-tasks/health";
import type { Db } from "@/server/db";
import { agentIssues } from "@/server/db/schema/agent-tasks";
import { setDeps } from "@/server/deps";
import { embeddedDeps, seedWorld, type World } from "../campaigns/support";
import { createTestDb } from "../../support/db";
import { seedIssue } from "./support";

/** A stand-in engine on a real port: answers anything, so "reachable" is a real HTTP round trip. */
let engine: Server;
let engineUrl: string;
let closedUrl: string;
let handle: Awaited<ReturnType<typeof createTestDb>>;
let w: World;

beforeAll(async () => {
  engine = createServer((_req, res) => res.end("ok"));
  await new Promise<void>((r) => engine.listen(0, "127.0.0.1", r));
  engineUrl = `http://127.0.0.1:${(engine.address() as AddressInfo).port}`;
  const closed = createServer();
  await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
  closedUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
  await new Promise<void>((r) => closed.close(() => r()));
  handle = await createTestDb();
  setDeps(embeddedDeps(handle.db));
  w = await seedWorld(handle.db, { name: "Hal", connect: false });
});
afterEach(() => {
  vi.unstubAllEnvs();
  resetEnv();
});
afterAll(async () => {
  setDeps();
  await new Promise<void>((r) => engine.close(() => r()));
  await handle?.close();
});

const envWith = (vars: Record<string, string>) => parseEnv({ NODE_ENV: "test", ...vars });
const throwingDb = new Proxy({}, { get: () => () => { throw new Error("connection refused"); } }) as unknown as Db;
type Report = { status: string; version: string; checks: Record<string, { ok: boolean; detail: string; mode?: string }> };

describe("GET /api/agents/health", () => {
  it("is 200 healthy with the version and every check, says the model is offline, and leaks no URL, key or tenant", async () => {
    vi.stubEnv("INNGEST_BASE_URL", engineUrl);
    vi.stubEnv("ANTHROPIC_API_KEY", "");
    resetEnv();
    const res = await health();
    const text = await res.text();
    expect(res.status, text).toBe(200);
    const report = JSON.parse(text) as Report;
    expect(report).toMatchObject({ status: "healthy", version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    expect(Object.keys(report.checks).sort()).toEqual(["database", "engine", "model", "queue"]);
    expect(report.checks.model).toMatchObject({ ok: true, mode: "offline" });
    expect(text).not.toContain("127.0.0.1");
    expect(text).not.toContain(w.organizationId);
  });

  it("says anthropic when a key is configured, without the key", async () => {
    const report = await checkHealth({ db: handle.db, env: envWith({ INNGEST_BASE_URL: engineUrl, ANTHROPIC_API_KEY: "sk-ant-api03-health-secret" }), now: new Date() });
    expect(report.checks.model).toMatchObject({ ok: true, mode: "anthropic" });
    expect(JSON.stringify(report)).not.toContain("sk-ant");
  });

  it("is 503 naming the engine when nothing listens at its address", async () => {
    vi.stubEnv("INNGEST_BASE_URL", closedUrl);
    resetEnv();
    const res = await health();
    expect(res.status).toBe(503);
    const report = (await res.json()) as Report;
    expect(report.status).toBe("unhealthy");
    expect(report.checks.engine).toMatchObject({ ok: false, detail: "unreachable" });
    expect(report.checks.database!.ok).toBe(true);
  });

  it("is unhealthy naming the database when its handle throws", async () => {
    const report = await checkHealth({ db: throwingDb, env: envWith({ INNGEST_BASE_URL: engineUrl }), now: new Date() });
    expect(report.status).toBe("unhealthy");
    expect(report.checks.database).toMatchObject({ ok: false });
    expect(report.checks.engine!.ok).toBe(true);
  });

  it("is 503 naming the queue when tasks have waited longer than the backlog limit, and healthy again once they move", async () => {
    vi.stubEnv("INNGEST_BASE_URL", engineUrl);
    resetEnv();
    const fresh = await seedIssue(handle.db, w, { status: "PENDING" });
    expect((await health()).status).toBe(200); // a new task waiting is normal
    const old = new Date(Date.now() - (BACKLOG_MINUTES + 1) * 60_000);
    const stale = await seedIssue(handle.db, w, { status: "QUEUED", createdAt: old });
    const res = await health();
    expect(res.status).toBe(503);
    expect(((await res.json()) as Report).checks.queue).toMatchObject({ ok: false, waiting: 1 });
    await handle.db.update(agentIssues).set({ status: "PROCESSING" }).where(eq(agentIssues.id, stale.issue.id));
    expect((await health()).status).toBe(200);
    await handle.db.delete(agentIssues).where(inArray(agentIssues.id, [fresh.issue.id, stale.issue.id]));
  });
});
