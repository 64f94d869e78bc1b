import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { GET, POST } from "@/app/api/projects/[projectId]/conversation/route";
import { conversations, messages } from "@/server/db/schema";
import { setDeps } from "@/server/deps";
import { saveBriefVersion } from "@/server/onboarding/briefs";
import { createTestDb } from "../../support/db";
import { jsonRequest } from "../../support/viewers";
import { captureSends, embeddedDeps, projectParams, SAMPLE_BRIEF, seedMember, type Member } from "./support";

let handle: Awaited<ReturnType<typeof createTestDb>>;
let ana: Member;
let bo: Member;

beforeAll(async () => {
  handle = await createTestDb();
  setDeps(embeddedDeps(handle.db));
  ana = await seedMember(handle.db, "Ana");
  bo = await seedMember(handle.db, "Bo");
});
afterEach(() => vi.restoreAllMocks());
afterAll(async () => {
  setDeps();
  await handle?.close();
});

const send = (member: Member, body: unknown, projectId = member.projectId) =>
  POST(jsonRequest(`/api/projects/${projectId}/conversation`, { method: "POST", cookie: member.cookie, body }), projectParams(projectId));

describe("POST /api/projects/[projectId]/conversation", () => {
  it("starts the onboarding conversation, stores the message and emits with the message id as event id", async () => {
    const sent = captureSends();
    const res = await send(ana, { content: "  We make candles  " });
    expect(res.status).toBe(202);
    const body = (await res.json()) as { conversationId: string; messageId: string; created: boolean };
    expect(body.created).toBe(true);
    const [stored] = await handle.db.select().from(messages).where(eq(messages.id, body.messageId));
    expect(stored).toMatchObject({ role: "USER", type: "TEXT", content: "We make candles", organizationId: ana.organizationId });
    expect(sent).toEqual([
      {
        name: "onboarding/message.sent",
        id: `onboarding-message-${body.messageId}`,
        data: { organizationId: ana.organizationId, projectId: ana.projectId, conversationId: body.conversationId, messageId: body.messageId, userId: ana.userId },
      },
    ]);

    const second = (await (await send(ana, { content: "Soy candles" })).json()) as { conversationId: string; created: boolean };
    expect(second).toMatchObject({ conversationId: body.conversationId, created: false });
    const state = (await (await GET(jsonRequest(`/api/projects/${ana.projectId}/conversation`, { cookie: ana.cookie }), projectParams(ana.projectId))).json()) as {
      messages: { content: string }[];
    };
    expect(state.messages.map((m) => m.content)).toEqual(["We make candles", "Soy candles"]);
  });

  it("refuses an oversized message and says the cap, storing nothing", async () => {
    captureSends();
    const before = (await handle.db.select().from(messages)).length;
    const long = await send(ana, { content: "a".repeat(4001) });
    expect(long.status).toBe(400);
    expect(((await long.json()) as { error: string }).error).toBe("content: is too long: messages are limited to 4000 characters");
    const huge = await send(ana, { content: "a".repeat(40_000) });
    expect(huge.status).toBe(413);
    expect(((await huge.json()) as { error: string }).error).toMatch(/limited to 4000 characters/);
    expect((await handle.db.select().from(messages)).length).toBe(before);
  });

  it.each([
    [{}, "content"],
    [{ content: 42 }, "content"],
    [{ content: "   " }, "content"],
  ])("answers 400 naming the field for %j", async (body, field) => {
    const res = await send(ana, body);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { fields: { field: string }[] }).fields[0]!.field).toBe(field);
  });

  it("answers 404 for another organization's project and 401 when signed out", async () => {
    const sent = captureSends();
    expect((await send(bo, { content: "hi" }, ana.projectId)).status).toBe(404);
    const anon = await POST(
      jsonRequest(`/api/projects/${ana.projectId}/conversation`, { method: "POST", body: { content: "hi" } }),
      projectParams(ana.projectId),
    );
    expect(anon.status).toBe(401);
    expect(sent).toEqual([]);
    const bosConversations = await handle.db.select().from(conversations).where(eq(conversations.organizationId, bo.organizationId));
    expect(bosConversations).toEqual([]);
  });

  it("once the project has a brief, writes to its campaign conversation (created once) and asks the agent", async () => {
    await saveBriefVersion(handle.db, { organizationId: bo.organizationId, projectId: bo.projectId, fields: SAMPLE_BRIEF, confirmedBy: bo.userId });
    const sent = captureSends();
    const first = await send(bo, { content: "hello again" });
    expect(first.status).toBe(202);
    const a = (await first.json()) as { conversationId: string; messageId: string; agent: boolean };
    const second = await send(bo, { content: "and again" });
    const b = (await second.json()) as { conversationId: string; messageId: string };
    expect(a.agent).toBe(true);
    expect(b.conversationId).toBe(a.conversationId);
    const [conversation] = await handle.db.select().from(conversations).where(eq(conversations.id, a.conversationId));
    expect(conversation).toMatchObject({ type: "CAMPAIGN", projectId: bo.projectId, organizationId: bo.organizationId });
    expect(sent.map((e) => [e.name, e.id])).toEqual([
      ["agent/message.sent", `agent-message-${a.messageId}`],
      ["agent/message.sent", `agent-message-${b.messageId}`],
    ]);
  });
});
