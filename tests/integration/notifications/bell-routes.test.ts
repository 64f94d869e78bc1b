import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getPreference, PUT as putPreference } from "@/app/api/notifications/email-preference/route";
import { POST as readAll } from "@/app/api/notifications/read-all/route";
import { GET as listNotifications } from "@/app/api/notifications/route";
import { notifications } from "@/server/db/schema";
import { setDeps } from "@/server/deps";
import { createNotification } from "@/server/notifications/notifications";
import { createTestDb } from "../../support/db";
import { jsonRequest } from "../../support/viewers";
import { embeddedDeps, seedWorld, type World } from "../campaigns/support";

let handle: Awaited<ReturnType<typeof createTestDb>>;
let pia: World;
let quinn: World;

beforeAll(async () => {
  handle = await createTestDb();
  setDeps(embeddedDeps(handle.db));
  pia = await seedWorld(handle.db, { name: "Pia", connect: false });
  quinn = await seedWorld(handle.db, { name: "Quinn", connect: false });
});
afterAll(async () => {
  setDeps();
  await handle.close();
});

async function note(w: World, key: string, opts: { userId?: string; organizationId?: string; read?: boolean; at?: Date } = {}) {
  const { notification } = await createNotification(handle.db, {
    organizationId: opts.organizationId ?? w.organizationId, userId: opts.userId ?? w.owner.userId, projectId: null,
    type: "ALERT", title: key, body: "b", link: `/projects/${w.projectId}`, dedupeKey: `${key}:${crypto.randomUUID()}`,
  });
  await handle.db.update(notifications).set({ read: opts.read ?? false, createdAt: opts.at ?? new Date() }).where(eq(notifications.id, notification.id));
  return notification.id;
}
const list = async (w: World) => (await listNotifications(jsonRequest("/api/notifications", { cookie: w.owner.cookie }))).json();
const post = (url: string, cookie: string, origin = "http://localhost:3000") =>
  new Request(`http://localhost:3000${url}`, { method: "POST", headers: { cookie, origin } });

describe("the bell's routes", () => {
  it("GET lists read and unread, newest first, with the unread count and no internals", async () => {
    await note(pia, "old-read", { read: true, at: new Date("2026-11-01T10:00:00Z") });
    await note(pia, "new-unread", { at: new Date("2026-11-03T10:00:00Z") });
    await note(pia, "mid-unread", { at: new Date("2026-11-02T10:00:00Z") });
    const body = (await list(pia)) as { unreadCount: number; notifications: { title: string; read: boolean; link: string }[] };
    expect(body.unreadCount).toBe(2);
    expect(body.notifications.map((n) => [n.title, n.read])).toEqual([["new-unread", false], ["mid-unread", false], ["old-read", true]]);
    expect(body.notifications[0]).not.toHaveProperty("dedupeKey");
    expect(body.notifications[0]!.link).toBe(`/projects/${pia.projectId}`);
  });

  it("mark all read touches only the viewer's rows in their organization and says how many", async () => {
    const othersRow = await note(pia, "same-org-other-user", { userId: quinn.owner.userId });
    const otherOrgRow = await note(pia, "same-user-other-org", { organizationId: quinn.organizationId });
    const quinnsRow = await note(quinn, "quinn-own");
    const res = await readAll(post("/api/notifications/read-all", pia.owner.cookie));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ count: 2 });
    expect((await list(pia)).unreadCount).toBe(0);
    for (const id of [othersRow, otherOrgRow, quinnsRow]) {
      const [row] = await handle.db.select({ read: notifications.read }).from(notifications).where(eq(notifications.id, id));
      expect(row!.read, id).toBe(false);
    }
    expect(await (await readAll(post("/api/notifications/read-all", pia.owner.cookie))).json()).toEqual({ count: 0 });
  });

  it("mark all read refuses another site and a visitor without a session, changing nothing", async () => {
    await note(quinn, "quinn-2");
    expect((await readAll(post("/api/notifications/read-all", quinn.owner.cookie, "https://evil.example"))).status).toBe(403);
    expect((await readAll(post("/api/notifications/read-all", ""))).status).toBe(401);
    const unread = await handle.db.select().from(notifications).where(and(eq(notifications.userId, quinn.owner.userId), eq(notifications.read, false)));
    expect(unread.length).toBeGreaterThanOrEqual(2);
  });

  it("the email preference is the viewer's own: ALL by default, PUT changes it, a bad level names the field", async () => {
    const get = async (w: World) => (await getPreference(jsonRequest("/api/notifications/email-preference", { cookie: w.owner.cookie }))).json();
    expect(await get(pia)).toEqual({ level: "ALL" });
    const put = (body: unknown, cookie = pia.owner.cookie) => putPreference(jsonRequest("/api/notifications/email-preference", { method: "PUT", cookie, body }));
    const ok = await put({ level: "IMPORTANT" });
    expect(ok.status).toBe(200);
    expect(await get(pia)).toEqual({ level: "IMPORTANT" });
    expect(await get(quinn)).toEqual({ level: "ALL" });
    const bad = await put({ level: "SOMETIMES" });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatch(/^level: /);
    expect((await put({ level: "NONE", userId: quinn.owner.userId })).status).toBe(400);
    expect((await put({ level: "NONE" }, "")).status).toBe(401);
    expect(await get(quinn)).toEqual({ level: "ALL" });
  });
});
