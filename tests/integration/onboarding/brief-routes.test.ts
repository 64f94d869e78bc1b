import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { POST as confirm } from "@/app/api/projects/[projectId]/brief/confirm/route";
import { GET as getBrief, PUT as revise } from "@/app/api/projects/[projectId]/brief/route";
import { artifacts, messages, projectBriefs } from "@/server/db/schema";
import { setDeps } from "@/server/deps";
import { savePendingConnection, selectAdAccount } from "@/server/facebook/connections";
import { recordUserMessage } from "@/server/onboarding/conversations";
import { createTestDb } from "../../support/db";
import { jsonRequest } from "../../support/viewers";
import { captureSends, embeddedDeps, projectParams, SAMPLE_BRIEF, seedMember, type Member } from "./support";

let handle: Awaited<ReturnType<typeof createTestDb>>;
let ana: Member;
let bo: Member;
let conversationId: string;

beforeAll(async () => {
  handle = await createTestDb();
  setDeps(embeddedDeps(handle.db));
  ana = await seedMember(handle.db, "Ana");
  bo = await seedMember(handle.db, "Bo");
  const started = await recordUserMessage(handle.db, { organizationId: ana.organizationId, projectId: ana.projectId, content: "hi" });
  if (!started.ok) throw new Error(started.reason);
  conversationId = started.conversationId;
});
afterEach(() => vi.restoreAllMocks());
afterAll(async () => {
  setDeps();
  await handle?.close();
});

const post = (member: Member, body: unknown, projectId = member.projectId) =>
  confirm(jsonRequest(`/api/projects/${projectId}/brief/confirm`, { method: "POST", cookie: member.cookie, body }), projectParams(projectId));
const put = (member: Member, body: unknown) =>
  revise(jsonRequest(`/api/projects/${member.projectId}/brief`, { method: "PUT", cookie: member.cookie, body }), projectParams(member.projectId));
const errorOf = async (res: Response) => ((await res.json()) as { error: string }).error;

describe("brief confirmation and revision", () => {
  it("rejects a partial or malformed brief naming the field, and writes nothing", async () => {
    const sent = captureSends();
    const { websiteUrl: _w, ...noSite } = SAMPLE_BRIEF;
    const missing = await post(ana, { conversationId, brief: noSite });
    expect(missing.status).toBe(400);
    expect(await errorOf(missing)).toMatch(/^brief\.websiteUrl:/);
    const badGoal = await post(ana, { conversationId, brief: { ...SAMPLE_BRIEF, goal: "WORLD_DOMINATION" } });
    expect(await errorOf(badGoal)).toMatch(/^brief\.goal:/);
    const fractional = await post(ana, { conversationId, brief: { ...SAMPLE_BRIEF, monthlyBudgetCents: 12.5 } });
    expect(await errorOf(fractional)).toMatch(/^brief\.monthlyBudgetCents:/);
    expect(await handle.db.select().from(projectBriefs)).toEqual([]);
    expect(sent).toEqual([]);
  });

  it("answers 404 for another organization's conversation", async () => {
    const res = await post(bo, { conversationId, brief: SAMPLE_BRIEF }, ana.projectId);
    expect(res.status).toBe(404);
  });

  it("confirms, skips the Facebook card when already connected, refuses different fields afterwards", async () => {
    const owner = { organizationId: ana.organizationId, userId: ana.userId };
    const token = { accessToken: "EAAB-test", expiresAt: null };
    await savePendingConnection(handle.db, { ...owner, token, simulated: false, adAccounts: [{ id: "act_1", name: "Ads", currency: "USD", accountStatus: 1 }] });
    await selectAdAccount(handle.db, { ...owner, adAccountId: "act_1" });
    const sent = captureSends();
    expect((await post(ana, { conversationId, brief: SAMPLE_BRIEF })).status).toBe(201);
    const cards = await handle.db.select().from(messages).where(eq(messages.type, "FB_CONNECT"));
    expect(cards).toEqual([]);
    const changed = await post(ana, { conversationId, brief: { ...SAMPLE_BRIEF, monthlyBudgetCents: 90_000 } });
    expect(changed.status).toBe(409);
    expect(await errorOf(changed)).toMatch(/already confirmed.*edit the brief/);
    expect(sent).toHaveLength(1);
  });

  it("saves an edit as a new version with its artifact and announces it again", async () => {
    const sent = captureSends();
    const res = await put(ana, { conversationId, brief: { ...SAMPLE_BRIEF, monthlyBudgetCents: 90_000 } });
    expect(res.status).toBe(201);
    const { brief } = (await res.json()) as { brief: { id: string; version: number } };
    expect(brief.version).toBe(2);
    expect(sent).toEqual([
      expect.objectContaining({ name: "onboarding/brief.extracted", id: `brief-extracted-${brief.id}`, data: expect.objectContaining({ briefVersion: 2 }) }),
    ]);
    const latest = (await (await getBrief(jsonRequest(`/api/projects/${ana.projectId}/brief`, { cookie: ana.cookie }), projectParams(ana.projectId))).json()) as {
      brief: { version: number; monthlyBudgetCents: number };
    };
    expect(latest.brief).toMatchObject({ version: 2, monthlyBudgetCents: 90_000 });
    expect(await handle.db.select().from(artifacts).where(eq(artifacts.projectId, ana.projectId))).toHaveLength(2);
    const note = await handle.db.select().from(messages).where(eq(messages.conversationId, conversationId));
    expect(note.at(-1)!.content).toMatch(/version 2/);
  });

  it("refuses an edit before any brief exists", async () => {
    const res = await put(bo, { brief: SAMPLE_BRIEF });
    expect(res.status).toBe(409);
    expect(await errorOf(res)).toMatch(/finish the onboarding chat first/);
  });
});
