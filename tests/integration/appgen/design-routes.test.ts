import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { POST as createDesignRoute } from "@/app/api/appgen/designs/route";
import { GET as getDesignRoute } from "@/app/api/appgen/designs/[designId]/route";
import { inngest } from "@/inngest/client";
import { appDesigns, memberships, projects } from "@/server/db/schema";
import { setDeps } from "@/server/deps";
import { createTestDb } from "../../support/db";
import { jsonRequest, signUpTestUser, type TestUser } from "../../support/viewers";
import { embeddedDeps, seedWorld, type World } from "../campaigns/support";
import { runDesign, seedDesign } from "./design-support";

let handle: Awaited<ReturnType<typeof createTestDb>>;
let owner: World;
let stranger: World;
let colleague: TestUser;
const sent: unknown[] = [];

beforeAll(async () => {
  handle = await createTestDb();
  setDeps(embeddedDeps(handle.db));
  owner = await seedWorld(handle.db, { name: "Olga", connect: false });
  stranger = await seedWorld(handle.db, { name: "Sten", connect: false });
  // A second member of the owner's organization only: designs are the owner's, not the organization's.
  colleague = await signUpTestUser(handle.db, { name: "Cole" });
  await handle.db.delete(memberships).where(eq(memberships.userId, colleague.userId));
  await handle.db.insert(memberships).values({ organizationId: owner.organizationId, userId: colleague.userId });
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
const post = (cookie: string, body: unknown, headers: Record<string, string> = {}) => {
  const req = jsonRequest("/api/appgen/designs", { method: "POST", cookie, body });
  for (const [k, v] of Object.entries(headers)) req.headers.set(k, v);
  return createDesignRoute(req);
};
const get = (cookie: string, designId: string) => getDesignRoute(jsonRequest(`/api/appgen/designs/${designId}`, { cookie }), { params: Promise.resolve({ designId }) });
const designCount = async () => (await handle.db.select().from(appDesigns)).length;

describe("POST /api/appgen/designs", () => {
  it("creates a PROPOSING design with the project's brief and sends design.requested with the design id as event id, answering 202", async () => {
    recordSends();
    const res = await post(owner.owner.cookie, { projectId: owner.projectId });
    expect(res.status).toBe(202);
    const { designId } = (await res.json()) as { designId: string };
    const [row] = await handle.db.select().from(appDesigns).where(eq(appDesigns.id, designId));
    expect(row).toMatchObject({ status: "PROPOSING", ownerId: owner.owner.userId, organizationId: owner.organizationId, projectId: owner.projectId });
    expect(row!.brief).toMatchObject({ title: "Corner Bakery" });
    expect(sent).toEqual([
      expect.objectContaining({ name: "appgen/design.requested", id: designId, data: { organizationId: owner.organizationId, ownerId: owner.owner.userId, projectId: owner.projectId, designId } }),
    ]);
  });

  it("answers 404 for another organization's project and writes nothing", async () => {
    recordSends();
    const before = await designCount();
    const res = await post(stranger.owner.cookie, { projectId: owner.projectId });
    expect(res.status).toBe(404);
    expect(await designCount()).toBe(before);
    expect(sent).toEqual([]);
  });

  it.each([
    [{}, /^projectId: /],
    [{ projectId: "not-a-uuid" }, /^projectId: must be a project id/],
    [{ projectId: 42 }, /^projectId: /],
  ])("answers 400 naming the field for %j", async (body, names) => {
    recordSends();
    const res = await post(owner.owner.cookie, body);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(names);
    expect(sent).toEqual([]);
  });

  it("refuses a project without a confirmed brief with a 409 naming projectId", async () => {
    recordSends();
    const [bare] = await handle.db.insert(projects).values({ organizationId: owner.organizationId, name: "No brief yet", createdById: owner.owner.userId }).returning();
    const res = await post(owner.owner.cookie, { projectId: bare!.id });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: string }).error).toMatch(/^projectId: this project has no confirmed brief/);
    expect(sent).toEqual([]);
  });

  it("refuses a cross-site request with 403 before reading anything", async () => {
    recordSends();
    const before = await designCount();
    const res = await post(owner.owner.cookie, { projectId: owner.projectId }, { origin: "https://evil.example" });
    expect(res.status).toBe(403);
    expect(await designCount()).toBe(before);
    expect(sent).toEqual([]);
  });

  it("asks for sign-in first", async () => {
    expect((await post("", { projectId: owner.projectId })).status).toBe(401);
  });
});

describe("GET /api/appgen/designs/:designId", () => {
  it("shows the owner the status, brief, style, pages with options and generator; no one else sees it", async () => {
    const d = await seedDesign(handle.db, owner);
    const proposing = (await (await get(owner.owner.cookie, d.designId)).json()) as { status: string; pages: unknown[] };
    expect(proposing).toMatchObject({ status: "PROPOSING", pages: [] });
    await runDesign(d);

    const res = await get(owner.owner.cookie, d.designId);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toMatch(/no-store/);
    const view = (await res.json()) as { status: string; generator: string; brief: { title: string }; style: { palette: string[] }; pages: { route: string; actions: string[]; options: { optionId: string; html: string }[] }[] };
    expect(view).toMatchObject({ status: "READY", generator: "offline", brief: { title: "Corner Bakery" } });
    expect(view.pages[0]).toMatchObject({ route: "/", actions: ["contact"] });
    expect(view.pages.every((p) => p.options.length === 3)).toBe(true);

    for (const cookie of [stranger.owner.cookie, colleague.cookie]) {
      const other = await get(cookie, d.designId);
      expect(other.status).toBe(404);
      expect(await other.text()).not.toContain("Corner Bakery");
    }
  });

  it("answers 404 for a malformed or unknown id and 401 without a session", async () => {
    expect((await get(owner.owner.cookie, "not-a-uuid")).status).toBe(404);
    expect((await get(owner.owner.cookie, crypto.randomUUID())).status).toBe(404);
    expect((await get("", crypto.randomUUID())).status).toBe(401);
  });
});
