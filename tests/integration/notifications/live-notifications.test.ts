import { InngestTestEngine, mockCtx } from "@inngest/test";
import { eq } from "drizzle-orm";
import type { Context } from "inngest";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as getToken } from "@/app/api/notifications/realtime-token/route";
import { notificationCreated, onboardingBriefExtracted } from "@/inngest/events";
import { generateCampaignPlan } from "@/inngest/functions/campaign/generate-campaign-plan";
import { publishNotification } from "@/inngest/functions/notifications/publish-notification";
import { notifications } from "@/server/db/schema";
import { setDeps } from "@/server/deps";
import { createNotification } from "@/server/notifications/notifications";
import { createTestDb } from "../../support/db";
import { jsonRequest } from "../../support/viewers";
import { embeddedDeps, seedWorld, testCtx } from "../campaigns/support";

// The Dev Server's token endpoint, faked at the network boundary so the SDK's real request is checked.
const tokenRequests: unknown[] = [];
let tokenStatus = 200;
const server = setupServer(
  http.post("*/v1/realtime/token", async ({ request }) => {
    tokenRequests.push(await request.json());
    if (tokenStatus !== 200) return HttpResponse.json({ error: "unavailable" }, { status: tokenStatus });
    return HttpResponse.json({ jwt: "header.payload.signature" });
  }),
);

let handle: Awaited<ReturnType<typeof createTestDb>>;

beforeAll(async () => {
  server.listen({ onUnhandledRequest: "bypass" });
  handle = await createTestDb();
  setDeps(embeddedDeps(handle.db));
});

afterEach(() => {
  tokenRequests.length = 0;
  tokenStatus = 200;
  vi.restoreAllMocks();
});

afterAll(async () => {
  server.close();
  setDeps();
  await handle?.close();
});

/** Runs publish-notification on one event, recording each durable publish with its channel and topic. */
async function runPublish(data: { organizationId: string; userId: string; notificationId: string; type: string }) {
  const published: { id: string; channel: string; topic: string; data: unknown }[] = [];
  const { result, error } = await new InngestTestEngine({
    function: publishNotification,
    events: [notificationCreated.create(data) as never],
    transformCtx: (raw: Context.Any) => {
      const m = mockCtx(raw);
      const publish = vi.fn(async (id: string, ref: { channel: string; topic: string }, payload: unknown) => {
        if (!published.some((p) => p.id === id)) published.push({ id, channel: ref.channel, topic: ref.topic, data: payload });
      });
      return { ...m, step: { ...m.step, realtime: { ...m.step.realtime, publish } } } as Context.Any;
    },
  }).execute();
  return { result, error, published };
}

describe("notification/created → the user's live channel", () => {
  it("is emitted by the planner after the row is committed, with an id derived from the row, and rings that user's bell", async () => {
    const w = await seedWorld(handle.db, { name: "Ona" });
    const rowsAtSend: number[] = [];
    const ctx = testCtx();
    await new InngestTestEngine({
      function: generateCampaignPlan,
      events: [onboardingBriefExtracted.create({ organizationId: w.organizationId, projectId: w.projectId, briefId: w.briefId, briefVersion: 1, userId: w.owner.userId }) as never],
      transformCtx: (raw) => {
        const c = ctx.transformCtx(raw);
        const send = c.step.sendEvent as unknown as (id: string, p: unknown) => Promise<unknown>;
        // Count committed rows, seen from another query, at the moment the event leaves.
        const sendAfterCounting = async (id: string, p: unknown) => {
          if (id === "emit-notification-created") rowsAtSend.push((await handle.db.select().from(notifications).where(eq(notifications.userId, w.owner.userId))).length);
          return send(id, p);
        };
        return { ...c, step: { ...c.step, sendEvent: sendAfterCounting } } as Context.Any;
      },
    }).execute();

    const [row] = await handle.db.select().from(notifications).where(eq(notifications.userId, w.owner.userId));
    const sent = ctx.sent.find((s) => s.id === "emit-notification-created")?.payload as { id: string; name: string; data: Record<string, string> };
    expect(rowsAtSend[0]).toBe(1);
    expect(sent).toMatchObject({
      name: "notification/created",
      id: `notification-created-${row!.id}`,
      data: { organizationId: w.organizationId, userId: w.owner.userId, notificationId: row!.id, type: "APPROVAL_NEEDED" },
    });

    const { result, error, published } = await runPublish(sent.data as never);
    expect(error).toBeUndefined();
    expect(result).toEqual({ published: true, unreadCount: 1 });
    expect(published).toEqual([
      {
        id: "publish-created",
        channel: `user:${w.owner.userId}:notifications`,
        topic: "created",
        data: { notificationId: row!.id, type: "APPROVAL_NEEDED", title: row!.title, unreadCount: 1 },
      },
    ]);
  });

  it("counts only unread notifications of that user in that organization", async () => {
    const w = await seedWorld(handle.db, { name: "Pia", connect: false });
    const base = { organizationId: w.organizationId, userId: w.owner.userId, type: "ALERT" as const, body: "b" };
    const { notification: old } = await createNotification(handle.db, { ...base, title: "Old", dedupeKey: `old-${w.owner.userId}` });
    await handle.db.update(notifications).set({ read: true }).where(eq(notifications.id, old.id));
    await createNotification(handle.db, { ...base, title: "Unread", dedupeKey: `unread-${w.owner.userId}` });
    const { notification } = await createNotification(handle.db, { ...base, title: "Newest", dedupeKey: `new-${w.owner.userId}` });
    const { published } = await runPublish({ ...base, notificationId: notification.id });
    expect(published[0]?.data).toEqual({ notificationId: notification.id, type: "ALERT", title: "Newest", unreadCount: 2 });
  });

  it("publishes nothing for an event naming someone else's notification or another organization", async () => {
    const w = await seedWorld(handle.db, { name: "Quin", connect: false });
    const other = await seedWorld(handle.db, { name: "Rex", connect: false });
    const { notification } = await createNotification(handle.db, {
      organizationId: w.organizationId,
      userId: w.owner.userId,
      type: "ALERT",
      title: "Private",
      body: "b",
      dedupeKey: `private-${w.owner.userId}`,
    });
    const forgedUser = await runPublish({ organizationId: w.organizationId, userId: other.owner.userId, notificationId: notification.id, type: "ALERT" });
    const forgedOrg = await runPublish({ organizationId: other.organizationId, userId: w.owner.userId, notificationId: notification.id, type: "ALERT" });
    for (const run of [forgedUser, forgedOrg]) {
      expect(run.result).toEqual({ published: false, reason: "notification not found" });
      expect(run.published).toEqual([]);
    }
  });
});

describe("GET /api/notifications/realtime-token", () => {
  it("answers 401 without a session and asks the engine for nothing", async () => {
    const res = await getToken(jsonRequest("/api/notifications/realtime-token"));
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: "Sign in first" });
    expect(tokenRequests).toEqual([]);
  });

  it("mints a token for the viewer's own channel only, whatever the query asks for", async () => {
    const me = await seedWorld(handle.db, { name: "Sol", connect: false });
    const other = await seedWorld(handle.db, { name: "Tia", connect: false });
    const res = await getToken(
      jsonRequest(`/api/notifications/realtime-token?userId=${other.owner.userId}&channel=user:${other.owner.userId}:notifications`, { cookie: me.owner.cookie }),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ key: "header.payload.signature" });
    expect(tokenRequests).toEqual([[{ channel: `user:${me.owner.userId}:notifications`, name: "created", kind: "run" }]]);
  });

  it("answers 503 with a readable message when the engine cannot mint one", async () => {
    const me = await seedWorld(handle.db, { name: "Uma", connect: false });
    tokenStatus = 500;
    vi.spyOn(console, "error").mockImplementation(() => {});
    const res = await getToken(jsonRequest("/api/notifications/realtime-token", { cookie: me.owner.cookie }));
    expect(res.status).toBe(503);
    expect((await res.json()).error).toMatch(/Live notifications are unavailable/);
  });
});
