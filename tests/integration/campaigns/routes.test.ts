import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { POST as approve } from "@/app/api/campaigns/[campaignId]/approve/route";
import { POST as requestChanges } from "@/app/api/campaigns/[campaignId]/request-changes/route";
import { POST as resume } from "@/app/api/campaigns/[campaignId]/resume/route";
import { GET as listNotifications } from "@/app/api/notifications/route";
import { POST as markRead } from "@/app/api/notifications/[id]/read/route";
import { inngest } from "@/inngest/client";
import { campaignRecords, messages, notifications } from "@/server/db/schema";
import { setDeps } from "@/server/deps";
import { createTestDb } from "../../support/db";
import { jsonRequest } from "../../support/viewers";
import { embeddedDeps, seedPlannedWorld, seedWorld } from "./support";

let handle: Awaited<ReturnType<typeof createTestDb>>;

beforeAll(async () => {
  handle = await createTestDb();
  setDeps(embeddedDeps(handle.db));
});

afterEach(() => {
  vi.restoreAllMocks();
});

afterAll(async () => {
  setDeps();
  await handle?.close();
});

const params = (campaignId: string) => ({ params: Promise.resolve({ campaignId }) });
const post = (path: string, cookie: string | undefined, body: unknown) => jsonRequest(path, { method: "POST", cookie, body });

const plannedWorld = (name: string) => seedPlannedWorld(handle.db, name);

const responses = (campaignId: string) =>
  handle.db.select().from(messages).where(eq(messages.type, "APPROVAL_RESPONSE")).then((rows) => rows.filter((m) => m.metadata?.campaignId === campaignId));

describe("POST /api/campaigns/[campaignId]/approve", () => {
  it("approves once, writes the response, then emits plan.approved with a deterministic id; a second click is 409", async () => {
    const w = await plannedWorld("Hana");
    const send = vi.spyOn(inngest, "send").mockResolvedValue({ ids: ["e1"] });
    const res = await approve(post(`/api/campaigns/${w.campaignId}/approve`, w.owner.cookie, { confirm: true }), params(w.campaignId));
    expect(res.status).toBe(202);
    const [row] = await handle.db.select().from(campaignRecords).where(eq(campaignRecords.id, w.campaignId));
    expect(row).toMatchObject({ status: "APPROVED", approvedBy: w.owner.userId, deployAttempts: 1 });
    expect(await responses(w.campaignId)).toHaveLength(1);
    expect(send).toHaveBeenCalledWith(
      expect.objectContaining({
        name: "campaign/plan.approved",
        id: `campaign-approved-${w.campaignId}-a1`,
        data: expect.objectContaining({ campaignId: w.campaignId, approvedBy: w.owner.userId, adAccountId: "act_1234567890" }),
      }),
    );

    const twice = await approve(post(`/api/campaigns/${w.campaignId}/approve`, w.owner.cookie, { confirm: true }), params(w.campaignId));
    expect(twice.status).toBe(409);
    expect(await twice.json()).toEqual({ error: "Version 1 of this plan was already approved." });
    expect(send).toHaveBeenCalledTimes(1);
    expect(await responses(w.campaignId)).toHaveLength(1);
  });

  it("keeps the approval and says to press Resume when the engine is unreachable; Resume re-sends the same event", async () => {
    const w = await plannedWorld("Gus");
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const send = vi.spyOn(inngest, "send").mockRejectedValueOnce(new Error("connect ECONNREFUSED 127.0.0.1:8288"));
    const res = await approve(post(`/api/campaigns/${w.campaignId}/approve`, w.owner.cookie, { confirm: true }), params(w.campaignId));
    expect(res.status).toBe(202);
    expect(((await res.json()) as { warning?: string }).warning).toMatch(/press Resume/);
    const [row] = await handle.db.select().from(campaignRecords).where(eq(campaignRecords.id, w.campaignId));
    expect(row).toMatchObject({ status: "APPROVED", approvedBy: w.owner.userId });
    // The log names the event, never its payload.
    expect(JSON.stringify(errors.mock.calls)).toContain("campaign/plan.approved");
    expect(JSON.stringify(errors.mock.calls)).not.toContain(w.campaignId);

    send.mockResolvedValue({ ids: ["e2"] });
    const resumed = await resume(post(`/api/campaigns/${w.campaignId}/resume`, w.owner.cookie, { confirm: true }), params(w.campaignId));
    expect(resumed.status).toBe(202);
    const ids = send.mock.calls.map(([payload]) => (payload as { id?: string }).id);
    expect(ids).toEqual([`campaign-approved-${w.campaignId}-a1`, `campaign-approved-${w.campaignId}-a1`]);
  });

  it("lets only one of two simultaneous approvals through", async () => {
    const w = await plannedWorld("Iris");
    const send = vi.spyOn(inngest, "send").mockResolvedValue({ ids: ["e1"] });
    const results = await Promise.all(
      [1, 2].map(() => approve(post(`/api/campaigns/${w.campaignId}/approve`, w.owner.cookie, { confirm: true }), params(w.campaignId))),
    );
    expect(results.map((r) => r.status).sort()).toEqual([202, 409]);
    expect(send).toHaveBeenCalledTimes(1);
    expect(await responses(w.campaignId)).toHaveLength(1);
  });

  it("refuses an expired or superseded plan with a clear 409", async () => {
    const w = await plannedWorld("Jade");
    const send = vi.spyOn(inngest, "send").mockResolvedValue({ ids: [] });
    await handle.db.update(campaignRecords).set({ status: "EXPIRED" }).where(eq(campaignRecords.id, w.campaignId));
    const expired = await approve(post(`/api/campaigns/${w.campaignId}/approve`, w.owner.cookie, { confirm: true }), params(w.campaignId));
    expect(expired.status).toBe(409);
    expect((await expired.json()).error).toMatch(/expired/);
    await handle.db.update(campaignRecords).set({ status: "SUPERSEDED" }).where(eq(campaignRecords.id, w.campaignId));
    const superseded = await approve(post(`/api/campaigns/${w.campaignId}/approve`, w.owner.cookie, { confirm: true }), params(w.campaignId));
    expect(superseded.status).toBe(409);
    expect((await superseded.json()).error).toMatch(/replaced by a newer version/);
    expect(send).not.toHaveBeenCalled();
    expect(await responses(w.campaignId)).toHaveLength(0);
  });

  it("answers 404 to another organization's member and 400 naming the field for a bad body, writing nothing", async () => {
    const w = await plannedWorld("Kai");
    const outsider = await seedWorld(handle.db, { name: "Mallory", connect: false });
    const send = vi.spyOn(inngest, "send").mockResolvedValue({ ids: [] });
    const foreign = await approve(post(`/api/campaigns/${w.campaignId}/approve`, outsider.owner.cookie, { confirm: true }), params(w.campaignId));
    expect(foreign.status).toBe(404);
    const bad = await approve(post(`/api/campaigns/${w.campaignId}/approve`, w.owner.cookie, { confirm: "yes" }), params(w.campaignId));
    expect(bad.status).toBe(400);
    expect((await bad.json()).fields[0].field).toBe("confirm");
    const anonymous = await approve(post(`/api/campaigns/${w.campaignId}/approve`, undefined, { confirm: true }), params(w.campaignId));
    expect(anonymous.status).toBe(401);
    const malformedId = await approve(post(`/api/campaigns/nope/approve`, w.owner.cookie, { confirm: true }), params("nope"));
    expect(malformedId.status).toBe(404);
    const [row] = await handle.db.select().from(campaignRecords).where(eq(campaignRecords.id, w.campaignId));
    expect(row!.status).toBe("PENDING_APPROVAL");
    expect(await responses(w.campaignId)).toHaveLength(0);
    expect(send).not.toHaveBeenCalled();
  });
});

describe("POST /api/campaigns/[campaignId]/request-changes and /resume", () => {
  it("supersedes the version with the user's words and emits the change request", async () => {
    const w = await plannedWorld("Lou");
    const send = vi.spyOn(inngest, "send").mockResolvedValue({ ids: [] });
    const empty = await requestChanges(post(`/api/campaigns/${w.campaignId}/request-changes`, w.owner.cookie, { feedback: " " }), params(w.campaignId));
    expect(empty.status).toBe(400);
    expect((await empty.json()).fields[0].field).toBe("feedback");
    const res = await requestChanges(
      post(`/api/campaigns/${w.campaignId}/request-changes`, w.owner.cookie, { feedback: "Aim at ages 30-50" }),
      params(w.campaignId),
    );
    expect(res.status).toBe(202);
    const [row] = await handle.db.select().from(campaignRecords).where(eq(campaignRecords.id, w.campaignId));
    expect(row).toMatchObject({ status: "SUPERSEDED", feedback: "Aim at ages 30-50" });
    expect(send).toHaveBeenCalledWith(
      expect.objectContaining({ name: "campaign/plan.changes-requested", id: `campaign-changes-requested-${w.campaignId}`, data: expect.objectContaining({ feedback: "Aim at ages 30-50" }) }),
    );
  });

  it("resumes only a failed deployment, as the next attempt of the same version", async () => {
    const w = await plannedWorld("Max");
    const send = vi.spyOn(inngest, "send").mockResolvedValue({ ids: [] });
    const early = await resume(post(`/api/campaigns/${w.campaignId}/resume`, w.owner.cookie, { confirm: true }), params(w.campaignId));
    expect(early.status).toBe(409);
    await handle.db.update(campaignRecords).set({ status: "DEPLOY_FAILED", deployAttempts: 1 }).where(eq(campaignRecords.id, w.campaignId));
    const res = await resume(post(`/api/campaigns/${w.campaignId}/resume`, w.owner.cookie, { confirm: true }), params(w.campaignId));
    expect(res.status).toBe(202);
    expect(send).toHaveBeenCalledWith(expect.objectContaining({ name: "campaign/plan.approved", id: `campaign-approved-${w.campaignId}-a2` }));
  });
});

describe("notifications routes", () => {
  it("lists the viewer's unread notifications and marks one read; another org's is 404", async () => {
    const w = await plannedWorld("Nia");
    const outsider = await seedWorld(handle.db, { name: "Mallory", connect: false });
    const list = await listNotifications(jsonRequest("/api/notifications", { cookie: w.owner.cookie }));
    const body = (await list.json()) as { unreadCount: number; notifications: { id: string; type: string }[] };
    expect(body.unreadCount).toBe(1);
    expect(body.notifications[0]).toMatchObject({ type: "APPROVAL_NEEDED" });
    expect(body.notifications[0]).not.toHaveProperty("dedupeKey");
    const id = body.notifications[0]!.id;

    const foreign = await markRead(post(`/api/notifications/${id}/read`, outsider.owner.cookie, {}), { params: Promise.resolve({ id }) });
    expect(foreign.status).toBe(404);
    const outsiderList = await (await listNotifications(jsonRequest("/api/notifications", { cookie: outsider.owner.cookie }))).json();
    expect(outsiderList.unreadCount).toBe(0);

    const ok = await markRead(post(`/api/notifications/${id}/read`, w.owner.cookie, {}), { params: Promise.resolve({ id }) });
    expect(ok.status).toBe(200);
    const [row] = await handle.db.select().from(notifications).where(eq(notifications.id, id));
    expect(row!.read).toBe(true);
    expect((await (await listNotifications(jsonRequest("/api/notifications", { cookie: w.owner.cookie }))).json()).unreadCount).toBe(0);
  });
});
