import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { POST } from "@/app/api/conversations/[conversationId]/messages/route";
import { POST as postToProject } from "@/app/api/projects/[projectId]/conversation/route";
import { inngest } from "@/inngest/client";
import { conversations, messages } from "@/server/db/schema";
import { setDeps } from "@/server/deps";
import { createTestDb } from "../../support/db";
import { jsonRequest } from "../../support/viewers";
import { embeddedDeps, seedWorld } from "../campaigns/support";
import { captureSends } from "../onboarding/support";
import { seedLiveCampaign, type LiveCampaign } from "../optimization/support";

let handle: Awaited<ReturnType<typeof createTestDb>>;
let ann: LiveCampaign;
let ben: LiveCampaign;

beforeAll(async () => {
  handle = await createTestDb();
  setDeps(embeddedDeps(handle.db));
  ann = await seedLiveCampaign(handle.db, "Ann");
  ben = await seedLiveCampaign(handle.db, "Ben");
});
afterEach(() => vi.restoreAllMocks());
afterAll(async () => {
  setDeps();
  await handle?.close();
});

const post = (who: LiveCampaign, conversationId: string, body: unknown, headers: Record<string, string> = {}) => {
  const req = jsonRequest(`/api/conversations/${conversationId}/messages`, { method: "POST", cookie: who.owner.cookie, body });
  for (const [k, v] of Object.entries(headers)) req.headers.set(k, v);
  return POST(req, { params: Promise.resolve({ conversationId }) });
};
const rowsOf = (conversationId: string) => handle.db.select().from(messages).where(eq(messages.conversationId, conversationId));

describe("POST /api/conversations/[conversationId]/messages", () => {
  it("stores the owner's message and asks the agent with agent-message-<messageId> (202)", async () => {
    const sent = captureSends();
    const res = await post(ann, ann.conversationId, { content: "  How is it doing?  " });
    expect(res.status).toBe(202);
    const body = (await res.json()) as { messageId: string; conversationId: string; projectId: string };
    const [stored] = await handle.db.select().from(messages).where(eq(messages.id, body.messageId));
    expect(stored).toMatchObject({ role: "USER", content: "How is it doing?", organizationId: ann.organizationId, conversationId: ann.conversationId });
    expect(sent).toEqual([
      {
        name: "agent/message.sent",
        id: `agent-message-${body.messageId}`,
        data: { organizationId: ann.organizationId, projectId: ann.projectId, conversationId: ann.conversationId, messageId: body.messageId, userId: ann.owner.userId },
      },
    ]);
  });

  it("keeps the message and answers 202 with a warning when the engine is down", async () => {
    vi.spyOn(inngest, "send").mockRejectedValue(new Error("connect ECONNREFUSED"));
    vi.spyOn(console, "error").mockImplementation(() => {});
    const res = await post(ann, ann.conversationId, { content: "still there?" });
    expect(res.status).toBe(202);
    expect(((await res.json()) as { warning?: string }).warning).toMatch(/could not be reached/);
    expect((await rowsOf(ann.conversationId)).some((m) => m.content === "still there?")).toBe(true);
  });

  it("answers 400 naming the field for bad input, 404 for another organization's conversation, and writes nothing", async () => {
    const sent = captureSends();
    const before = (await rowsOf(ben.conversationId)).length;
    const empty = await post(ann, ann.conversationId, { content: "   " });
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as { error: string }).error).toMatch(/content/);
    const missing = await post(ann, ann.conversationId, {});
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { error: string }).error).toMatch(/content/);
    const foreign = await post(ann, ben.conversationId, { content: "pause their ads" });
    expect(foreign.status).toBe(404);
    expect((await post(ann, "not-a-uuid", { content: "hi" })).status).toBe(404);
    expect((await rowsOf(ben.conversationId)).length).toBe(before);
    expect(sent).toEqual([]);
  });

  it("answers 409 for an onboarding conversation (it has its own route) and for an archived one", async () => {
    const sent = captureSends();
    const onboarding = await handle.db
      .insert(conversations)
      .values({ organizationId: ann.organizationId, projectId: ann.projectId, type: "ONBOARDING", status: "COMPLETED", title: "getting started" })
      .returning();
    const res = await post(ann, onboarding[0]!.id, { content: "hello" });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: string }).error).toMatch(/\/api\/projects\/:projectId\/conversation/);

    const [archived] = await handle.db
      .insert(conversations)
      .values({ organizationId: ann.organizationId, projectId: ann.projectId, type: "AGENT", status: "ARCHIVED", title: "old" })
      .returning();
    expect((await post(ann, archived!.id, { content: "hello" })).status).toBe(409);
    expect(await rowsOf(archived!.id)).toEqual([]);
    expect(sent).toEqual([]);
  });

  it("refuses a cross-site request before anything is read or written", async () => {
    const sent = captureSends();
    const before = (await rowsOf(ann.conversationId)).length;
    const res = await post(ann, ann.conversationId, { content: "hi" }, { origin: "https://evil.example", "sec-fetch-site": "cross-site" });
    expect(res.status).toBe(403);
    expect((await rowsOf(ann.conversationId)).length).toBe(before);
    expect(sent).toEqual([]);
  });

  it("the project route opens one campaign conversation after the brief, however many first messages race", async () => {
    captureSends();
    const w = await seedWorld(handle.db, { name: "Ivy" });
    const send = (content: string) =>
      postToProject(
        jsonRequest(`/api/projects/${w.projectId}/conversation`, { method: "POST", cookie: w.owner.cookie, body: { content } }),
        { params: Promise.resolve({ projectId: w.projectId }) },
      );
    const answers = await Promise.all(["one", "two", "three"].map(send));
    expect(answers.map((r) => r.status)).toEqual([202, 202, 202]);
    const ids = new Set(await Promise.all(answers.map(async (r) => ((await r.json()) as { conversationId: string }).conversationId)));
    expect(ids.size).toBe(1);
    const open = await handle.db.select().from(conversations).where(eq(conversations.projectId, w.projectId));
    expect(open.map((c) => c.type)).toEqual(["CAMPAIGN"]);
    expect(await rowsOf([...ids][0]!)).toHaveLength(3);
  });
});
