import { eq } from "drizzle-orm";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as progressToken } from "@/app/api/agents/[id]/progress-token/route";
import { GET as listBoard } from "@/app/api/agents/improvements/route";
import { POST as decide } from "@/app/api/agents/improvements/[improvementId]/route";
import { agentImprovements, agentIssues, memberships } from "@/server/db/schema";
import { setDeps } from "@/server/deps";
import { createTestDb } from "../../support/db";
import { jsonRequest, signUpTestUser, type TestUser } from "../../support/viewers";
import { embeddedDeps, seedWorld, type World } from "../campaigns/support";

let handle: Awaited<ReturnType<typeof createTestDb>>;
let owner: World;
let stranger: World;
let member: TestUser;
let cardId: string;
let issueId: string;
const tokenRequests: string[] = [];
const tokenServer = setupServer(
  http.post("*/v1/realtime/token", async ({ request }) => {
    tokenRequests.push(await request.text());
    return HttpResponse.json({ jwt: "a.b.c" });
  }),
);

const params = <T extends Record<string, string>>(p: T) => ({ params: Promise.resolve(p) });
const decideAs = (cookie: string, id: string, body: unknown, origin = "http://localhost:3000") => {
  const req = jsonRequest(`/api/agents/improvements/${id}`, { method: "POST", cookie, body });
  req.headers.set("origin", origin);
  return decide(req, params({ improvementId: id }));
};

beforeAll(async () => {
  tokenServer.listen({ onUnhandledRequest: "bypass" });
  handle = await createTestDb();
  setDeps(embeddedDeps(handle.db));
  owner = await seedWorld(handle.db, { name: "Oona", connect: false });
  stranger = await seedWorld(handle.db, { name: "Sasha", connect: false });
  // A member of the owner's organization (not its owner).
  member = await signUpTestUser(handle.db, { name: "Mia" });
  await handle.db.update(memberships).set({ organizationId: owner.organizationId, role: "MEMBER" }).where(eq(memberships.userId, member.userId));
  const [card] = await handle.db
    .insert(agentImprovements)
    .values({ organizationId: owner.organizationId, agentType: "copywriter", week: "2026-W47", title: 'Tagged "tone"', pattern: "3 of 4", recommendation: "Check the tone" })
    .returning();
  cardId = card!.id;
  const [issue] = await handle.db.insert(agentIssues).values({ organizationId: owner.organizationId, projectId: owner.projectId, title: "Why?", description: "CPL doubled" }).returning();
  issueId = issue!.id;
});
afterAll(async () => {
  tokenServer.close();
  setDeps();
  await handle?.close();
});

const cardRow = async () => (await handle.db.select().from(agentImprovements).where(eq(agentImprovements.id, cardId)))[0]!;

describe("the improvement board routes", () => {
  it("lists the organization's cards only, and says who may decide", async () => {
    const mine = (await (await listBoard(jsonRequest("/api/agents/improvements", { cookie: owner.owner.cookie }))).json()) as { improvements: { id: string }[]; canDecide: boolean };
    expect(mine.improvements.map((c) => c.id)).toEqual([cardId]);
    expect(mine.canDecide).toBe(true);
    const theirs = (await (await listBoard(jsonRequest("/api/agents/improvements", { cookie: stranger.owner.cookie }))).json()) as { improvements: unknown[] };
    expect(theirs.improvements).toEqual([]);
    expect((await listBoard(jsonRequest("/api/agents/improvements"))).status).toBe(401);
  });

  it("refuses a cross-site decision, another organization's owner (404), a member (403) and a bad status (400)", async () => {
    expect((await decideAs(owner.owner.cookie, cardId, { status: "IMPLEMENTED" }, "https://evil.example")).status).toBe(403);
    expect((await decideAs(stranger.owner.cookie, cardId, { status: "DISMISSED" })).status).toBe(404);
    const asMember = await decideAs(member.cookie, cardId, { status: "IMPLEMENTED" });
    expect(asMember.status).toBe(403);
    expect(((await asMember.json()) as { error: string }).error).toMatch(/owner/);
    for (const status of ["ANALYZED", "PENDING", "done", undefined]) {
      const res = await decideAs(owner.owner.cookie, cardId, { status });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: string }).error).toMatch(/status/);
    }
    expect(await cardRow()).toMatchObject({ status: "ANALYZED", decidedById: null });
  });

  it("records the owner's decision, and a change of mind", async () => {
    const res = await decideAs(owner.owner.cookie, cardId, { status: "IMPLEMENTED" });
    expect(res.status).toBe(200);
    expect(await cardRow()).toMatchObject({ status: "IMPLEMENTED", decidedById: owner.owner.userId });
    expect((await decideAs(owner.owner.cookie, cardId, { status: "DISMISSED" })).status).toBe(200);
    expect((await cardRow()).status).toBe("DISMISSED");
  });
});

describe("GET /api/agents/[id]/progress-token", () => {
  it("mints a token for the task's own channel for its organization, and answers 404 to another", async () => {
    const res = await progressToken(jsonRequest(`/api/agents/${issueId}/progress-token`, { cookie: owner.owner.cookie }), params({ id: issueId }));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ token: { key: "a.b.c" } });
    expect(tokenRequests.at(-1)).toContain(`agent-task:${issueId}`);

    const before = tokenRequests.length;
    const theirs = await progressToken(jsonRequest(`/api/agents/${issueId}/progress-token`, { cookie: stranger.owner.cookie }), params({ id: issueId }));
    expect(theirs.status).toBe(404);
    expect((await progressToken(jsonRequest("/api/agents/nope/progress-token", { cookie: owner.owner.cookie }), params({ id: "nope" }))).status).toBe(404);
    expect((await progressToken(jsonRequest(`/api/agents/${issueId}/progress-token`), params({ id: issueId }))).status).toBe(401);
    expect(tokenRequests.length).toBe(before);
  });
});
