import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { POST as createSession } from "@/app/api/creative/sessions/route";
import { GET as getSession } from "@/app/api/creative/sessions/[sessionId]/route";
import { POST as addVersion } from "@/app/api/creative/sessions/[sessionId]/versions/route";
import { GET as getArtifacts } from "@/app/api/creative/versions/[versionId]/artifacts/route";
import { inngest } from "@/inngest/client";
import { creativeSessions, creativeVersions } from "@/server/db/schema";
import { setDeps } from "@/server/deps";
import { createTestDb } from "../../support/db";
import { jsonRequest } from "../../support/viewers";
import { seedWorld, type World } from "../campaigns/support";
import { sandboxSessionsDouble } from "./sandbox-sessions-double";
import { depsWithSessions, runVersion, seedSession } from "./support";

let handle: Awaited<ReturnType<typeof createTestDb>>;
let owner: World;
let stranger: World;
const sent: unknown[] = [];

beforeAll(async () => {
  handle = await createTestDb();
  setDeps(depsWithSessions(handle.db, sandboxSessionsDouble().sessions));
  owner = await seedWorld(handle.db, { name: "Olga", connect: false });
  stranger = await seedWorld(handle.db, { name: "Sten", connect: false });
});
afterEach(() => {
  vi.restoreAllMocks();
  sent.length = 0;
});
afterAll(async () => {
  setDeps();
  await handle?.close();
});

const recordSends = () => vi.spyOn(inngest, "send").mockImplementation(async (p) => (sent.push(p), { ids: [] }));
const params = <T extends Record<string, string>>(p: T) => ({ params: Promise.resolve(p) });
const post = (url: string, cookie: string, body: unknown) => jsonRequest(url, { method: "POST", cookie, body });

describe("POST /api/creative/sessions", () => {
  it("creates the session and version 1 (QUEUED), sends the request with the version id as event id, and answers 202 at once", async () => {
    recordSends();
    const res = await createSession(post("/api/creative/sessions", owner.owner.cookie, { brandName: "Corner Bakery", brandUrl: "https://bakery.example/", projectId: owner.projectId }));
    expect(res.status).toBe(202);
    const body = (await res.json()) as { sessionId: string; versionId: string };
    const [v] = await handle.db.select().from(creativeVersions).where(eq(creativeVersions.sessionId, body.sessionId));
    expect(v).toMatchObject({ id: body.versionId, version: 1, status: "QUEUED", organizationId: owner.organizationId });
    const [session] = await handle.db.select().from(creativeSessions).where(eq(creativeSessions.id, body.sessionId));
    expect(session).toMatchObject({ nextVersion: 2, brandName: "Corner Bakery", projectId: owner.projectId });
    expect(sent).toEqual([expect.objectContaining({ name: "creative/generation.requested", id: body.versionId, data: { organizationId: owner.organizationId, sessionId: body.sessionId, versionId: body.versionId } })]);
  });

  it.each(["ftp://bakery.example/", "javascript:alert(1)", "bakery.example", "file:///etc/passwd"])("refuses brandUrl %j with a 400 naming brandUrl", async (brandUrl) => {
    recordSends();
    const res = await createSession(post("/api/creative/sessions", owner.owner.cookie, { brandName: "B", brandUrl, projectId: owner.projectId }));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/^brandUrl: /);
    expect(sent).toEqual([]);
  });

  it("answers 404 for another organization's project and writes nothing", async () => {
    recordSends();
    const before = (await handle.db.select().from(creativeSessions)).length;
    const res = await createSession(post("/api/creative/sessions", stranger.owner.cookie, { brandName: "B", brandUrl: "https://b.example/", projectId: owner.projectId }));
    expect(res.status).toBe(404);
    expect((await handle.db.select().from(creativeSessions)).length).toBe(before);
  });

  it("asks for sign-in first", async () => {
    const res = await createSession(post("/api/creative/sessions", "", { brandName: "B", brandUrl: "https://b.example/", projectId: owner.projectId }));
    expect(res.status).toBe(401);
  });
});

describe("POST /api/creative/sessions/:id/versions", () => {
  it("answers 404 for a missing session and for another organization's session", async () => {
    recordSends();
    const s = await seedSession(handle.db, owner);
    const missing = await addVersion(post("/x", owner.owner.cookie, { feedback: "more emotional" }), params({ sessionId: crypto.randomUUID() }));
    expect(missing.status).toBe(404);
    const foreign = await addVersion(post("/x", stranger.owner.cookie, { feedback: "more emotional" }), params({ sessionId: s.sessionId }));
    expect(foreign.status).toBe(404);
    expect(await handle.db.select().from(creativeVersions).where(eq(creativeVersions.sessionId, s.sessionId))).toHaveLength(1);
    expect(sent).toEqual([]);
  });

  it("names the field for empty or too-long feedback and an unknown quick choice", async () => {
    const s = await seedSession(handle.db, owner);
    for (const [body, field] of [[{ feedback: "" }, "feedback"], [{ feedback: "x".repeat(2001) }, "feedback"], [{ feedback: "ok", quickChoice: "everything" }, "quickChoice"]] as const) {
      const res = await addVersion(post("/x", owner.owner.cookie, body), params({ sessionId: s.sessionId }));
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: string }).error).toMatch(new RegExp(`^${field}: `));
    }
  });

  it("numbers racing resumes n, n+1, … by compare-and-set: never the same number twice", async () => {
    recordSends();
    const s = await seedSession(handle.db, owner);
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) => addVersion(post("/x", owner.owner.cookie, { feedback: `try ${i}`, quickChoice: "hooks-only" }), params({ sessionId: s.sessionId }))),
    );
    expect(answers.map((r) => r.status)).toEqual(Array(6).fill(202));
    const versions = ((await Promise.all(answers.map((r) => r.json()))) as { version: number }[]).map((b) => b.version).sort((a, b) => a - b);
    expect(versions).toEqual([2, 3, 4, 5, 6, 7]);
    const rows = await handle.db.select().from(creativeVersions).where(eq(creativeVersions.sessionId, s.sessionId));
    expect(rows.map((r) => r.version).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(rows.filter((r) => r.version > 1).every((r) => r.status === "QUEUED" && r.quickChoice === "hooks-only")).toBe(true);
    expect(new Set(sent.map((e) => (e as { id: string }).id)).size).toBe(6);
  });
});

describe("GET session and artifacts", () => {
  it("shows every version with status, stages, plan, cost and artifact links; another organization gets 404", async () => {
    const s = await seedSession(handle.db, owner);
    await runVersion(s);
    const res = await getSession(jsonRequest("/x", { cookie: owner.owner.cookie }), params({ sessionId: s.sessionId }));
    expect(res.status).toBe(200);
    const view = (await res.json()) as { session: { id: string }; versions: { id: string; status: string; stages: unknown[]; plan: { reason: string }; cost: Record<string, number>; durationMs: number; artifacts: unknown[]; artifactsUrl: string }[] };
    expect(view.session.id).toBe(s.sessionId);
    expect(view.versions).toHaveLength(1);
    const [v] = view.versions;
    expect(v).toMatchObject({ id: s.versionId, status: "COMPLETED", artifactsUrl: `/api/creative/versions/${s.versionId}/artifacts`, error: null, reusedFromVersionId: null });
    expect(v!.stages).toHaveLength(4);
    expect(v!.plan.reason).toMatch(/everything/);
    expect(v!.cost).toEqual({ inputTokens: 400, outputTokens: 200, sandboxSeconds: expect.any(Number), dollars: expect.any(Number) });
    expect(v!.artifacts).toHaveLength(15);
    const foreign = await getSession(jsonRequest("/x", { cookie: stranger.owner.cookie }), params({ sessionId: s.sessionId }));
    expect(foreign.status).toBe(404);

    const arts = await getArtifacts(jsonRequest("/x", { cookie: owner.owner.cookie }), params({ versionId: s.versionId }));
    expect(arts.status).toBe(200);
    const listed = (await arts.json()) as { artifacts: { name: string; url: string }[] };
    const image = listed.artifacts.find((a) => a.name === "images/hook-1-1200x628.png")!;
    expect(image.url).toMatch(/sig=/);
    const strangerArts = await getArtifacts(jsonRequest("/x", { cookie: stranger.owner.cookie }), params({ versionId: s.versionId }));
    expect(strangerArts.status).toBe(404);
  });
});
