import { InngestTestEngine } from "@inngest/test";
import { eq } from "drizzle-orm";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { POST as cleanup } from "@/app/api/campaigns/[campaignId]/cleanup/route";
import { GET as progressToken } from "@/app/api/campaigns/[campaignId]/progress-token/route";
import { POST as resume } from "@/app/api/campaigns/[campaignId]/resume/route";
import { inngest } from "@/inngest/client";
import { campaignCleanupRequested } from "@/inngest/events";
import { cleanupCampaign } from "@/inngest/functions/campaign/cleanup-campaign";
import { deployCampaign } from "@/inngest/functions/campaign/deploy-campaign";
import { approvePlan } from "@/server/campaigns/approval";
import { cleanupEventId, requestCleanup } from "@/server/campaigns/deploy-actions";
import { campaignRecords, messages } from "@/server/db/schema";
import { setDeps } from "@/server/deps";
import type { AdPlatform } from "@/server/services/facebook/types";
import { createTestDb } from "../../support/db";
import { jsonRequest } from "../../support/viewers";
import { embeddedDeps, seedPlannedWorld, seedWorld, testCtx, type World } from "./support";

const tokenRequests: unknown[] = [];
let tokenStatus = 200;
const server = setupServer(
  http.post("*/v1/realtime/token", async ({ request }) => {
    tokenRequests.push(await request.json());
    return tokenStatus === 200 ? HttpResponse.json({ jwt: "a.b.c" }) : HttpResponse.json({}, { status: tokenStatus });
  }),
);

let handle: Awaited<ReturnType<typeof createTestDb>>;
const deleted: { campaignId: string; status: string }[] = [];
const lookups: { kind: string; marker: string }[] = [];
const fakeFacebook = {
  kind: "simulated",
  updateStatus: async (_conn: unknown, campaignId: string, status: string) => void deleted.push({ campaignId, status }),
  findMarkedObjects: async (_conn: unknown, q: { kind: string; marker: string }) => (lookups.push(q), []),
} as unknown as AdPlatform;

beforeAll(async () => {
  server.listen({ onUnhandledRequest: "bypass" });
  handle = await createTestDb();
  setDeps(embeddedDeps(handle.db, { facebook: fakeFacebook }));
});

afterEach(() => {
  vi.restoreAllMocks();
  deleted.length = 0;
  lookups.length = 0;
  tokenRequests.length = 0;
  tokenStatus = 200;
});

afterAll(async () => {
  server.close();
  setDeps();
  await handle?.close();
});

const params = (campaignId: string) => ({ params: Promise.resolve({ campaignId }) });
const post = (path: string, cookie: string | undefined, body: unknown) => jsonRequest(path, { method: "POST", cookie, body });
const load = async (id: string) => (await handle.db.select().from(campaignRecords).where(eq(campaignRecords.id, id)))[0]!;
const messagesOf = async (id: string, kind: string) =>
  (await handle.db.select().from(messages)).filter((m) => m.metadata?.campaignId === id && m.metadata?.kind === kind);

const plannedWorld = (name: string) => seedPlannedWorld(handle.db, name);

/** A plan approved by its owner whose deployment then failed after creating the Facebook campaign. */
async function failedWorld(name: string, fbCampaignId: string | null = "120900000000000001") {
  const w = await plannedWorld(name);
  const approved = await approvePlan(handle.db, { campaignId: w.campaignId, actor: { userId: w.owner.userId, organizationId: w.organizationId } });
  if (!approved.ok) throw new Error(approved.message);
  await handle.db.update(campaignRecords).set({ status: "DEPLOY_FAILED", fbCampaignId }).where(eq(campaignRecords.id, w.campaignId));
  return w;
}

/** What the Clean up route does before sending its event: claim the failed deployment (CLEANING_UP). */
async function claimCleanup(w: World & { campaignId: string }) {
  const claimed = await requestCleanup(handle.db, { campaignId: w.campaignId, actor: { userId: w.owner.userId, organizationId: w.organizationId } });
  if (!claimed.ok) throw new Error(claimed.message);
  return claimed.record;
}

function runCleanup(w: World & { campaignId: string }, organizationId = w.organizationId) {
  const event = campaignCleanupRequested.create({ organizationId, projectId: w.projectId, campaignId: w.campaignId, requestedBy: w.owner.userId });
  return new InngestTestEngine({ function: cleanupCampaign, events: [event as never], transformCtx: testCtx().transformCtx }).execute();
}

describe("cleanup-campaign function", () => {
  it("deletes the partly built campaign once, marks it CLEANED_UP and says so; a replay does nothing more", async () => {
    const w = await failedWorld("Ava");
    await claimCleanup(w);
    const first = await runCleanup(w);
    expect(first.error).toBeUndefined();
    expect(first.result).toEqual({ deleted: true, cleaned: true });
    expect(deleted).toEqual([{ campaignId: "120900000000000001", status: "DELETED" }]);
    expect((await load(w.campaignId)).status).toBe("CLEANED_UP");
    expect(await messagesOf(w.campaignId, "campaign-cleaned-up")).toHaveLength(1);

    const replay = await runCleanup(w);
    expect(replay.result).toEqual({ deleted: false, cleaned: false });
    expect(deleted).toHaveLength(1);
    expect(await messagesOf(w.campaignId, "campaign-cleaned-up")).toHaveLength(1);
  });

  it("with no stored id, looks for the campaign by its marker and, finding none, marks it cleaned up", async () => {
    const w = await failedWorld("Bo", null);
    await claimCleanup(w);
    const { result } = await runCleanup(w);
    expect(result).toEqual({ deleted: false, cleaned: true });
    expect(lookups).toEqual([{ kind: "campaign", marker: expect.stringMatching(/^\[agcy:[0-9a-f]{12}:campaign\]$/) }]);
    expect(deleted).toEqual([]);
  });

  it("stops with a clear message when the Facebook connection is gone, and hands the campaign back to DEPLOY_FAILED", async () => {
    const w = await failedWorld("Cy");
    await claimCleanup(w);
    await handle.db.update(campaignRecords).set({ connectionUserId: null }).where(eq(campaignRecords.id, w.campaignId));
    const event = campaignCleanupRequested.create({ organizationId: w.organizationId, projectId: w.projectId, campaignId: w.campaignId, requestedBy: w.owner.userId });
    const engine = new InngestTestEngine({ function: cleanupCampaign, events: [event as never], transformCtx: testCtx().transformCtx });
    const { error } = await engine.executeStep("delete-facebook-campaign");
    expect((error as { message?: string } | undefined)?.message).toMatch(/Reconnect Facebook to clean up/);
    expect(deleted).toEqual([]);
    // After its retries the engine hands the handler the step's final error. @inngest/test cannot (a throwing
    // step mock resolves to undefined), so step.run rejects for that id, as the engine's StepError would.
    const base = testCtx().transformCtx;
    const failing = new InngestTestEngine({
      function: cleanupCampaign,
      events: [event as never],
      transformCtx: (raw) => {
        const c = base(raw) as unknown as { step: { run: (id: string, fn: () => unknown) => Promise<unknown> } };
        const run = c.step.run;
        c.step.run = (id, fn) => (id === "delete-facebook-campaign" ? Promise.reject(new Error("Reconnect Facebook to clean up: the connection is no longer active.")) : run(id, fn));
        return c as never;
      },
    });
    const final = await failing.execute();
    expect(final.error).toMatchObject({ message: expect.stringContaining("Cleanup failed") });
    expect(await load(w.campaignId)).toMatchObject({ status: "DEPLOY_FAILED", lastError: { step: "cleanup" } });
    const [said] = await messagesOf(w.campaignId, "campaign-cleanup-failed");
    expect(said!.content).toMatch(/^I could not remove the partly created campaign: Reconnect Facebook to clean up/);
    // Clean up again: a new cleanup attempt, so a new event id the engine will not drop.
    expect(cleanupEventId(await claimCleanup(w))).toBe(`campaign-cleanup-${w.campaignId}-a1-c2`);
  });

  it("touches nothing when the event names another organization", async () => {
    const w = await failedWorld("Di");
    await claimCleanup(w);
    const outsider = await seedWorld(handle.db, { name: "Mallory", connect: false });
    const { result } = await runCleanup(w, outsider.organizationId);
    expect(result).toEqual({ deleted: false, cleaned: false });
    expect(deleted).toEqual([]);
    expect((await load(w.campaignId)).status).toBe("CLEANING_UP");
  });
});

describe("POST /api/campaigns/[campaignId]/cleanup", () => {
  it("emits campaign/cleanup.requested with an id per attempt for a failed deployment", async () => {
    const w = await failedWorld("Eli");
    const send = vi.spyOn(inngest, "send").mockResolvedValue({ ids: [] });
    const res = await cleanup(post(`/api/campaigns/${w.campaignId}/cleanup`, w.owner.cookie, { confirm: true }), params(w.campaignId));
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ campaign: { id: w.campaignId, status: "CLEANING_UP" } });
    expect(send).toHaveBeenCalledWith(
      expect.objectContaining({
        name: "campaign/cleanup.requested",
        id: `campaign-cleanup-${w.campaignId}-a1-c1`,
        data: expect.objectContaining({ campaignId: w.campaignId, requestedBy: w.owner.userId, adAccountId: "act_1234567890" }),
      }),
    );
  });

  it("refuses anonymous (401), another organization (404), a missing confirm (400 naming it) and a live campaign (409), sending nothing", async () => {
    const w = await failedWorld("Fay");
    const outsider = await seedWorld(handle.db, { name: "Mallory", connect: false });
    const send = vi.spyOn(inngest, "send").mockResolvedValue({ ids: [] });
    const call = (cookie: string | undefined, body: unknown, id = w.campaignId) => cleanup(post(`/api/campaigns/${id}/cleanup`, cookie, body), params(id));

    expect((await call(undefined, { confirm: true })).status).toBe(401);
    expect((await call(outsider.owner.cookie, { confirm: true })).status).toBe(404);
    expect((await call(w.owner.cookie, { confirm: true }, "not-a-uuid")).status).toBe(404);
    const missing = await call(w.owner.cookie, {});
    expect(missing.status).toBe(400);
    expect((await missing.json()).fields[0].field).toBe("confirm");
    await handle.db.update(campaignRecords).set({ status: "ACTIVE" }).where(eq(campaignRecords.id, w.campaignId));
    const live = await call(w.owner.cookie, { confirm: true });
    expect(live.status).toBe(409);
    expect((await live.json()).error).toBe("Only a failed deployment can be resumed or cleaned up. The campaign is already live.");
    expect(send).not.toHaveBeenCalled();
  });
});

describe("POST /api/campaigns/[campaignId]/resume", () => {
  it("re-sends the approval of an APPROVED plan with the same event id, writing nothing", async () => {
    const w = await plannedWorld("Gus");
    const approved = await approvePlan(handle.db, { campaignId: w.campaignId, actor: { userId: w.owner.userId, organizationId: w.organizationId } });
    expect(approved.ok).toBe(true);
    const before = await load(w.campaignId);
    const responsesBefore = await messagesOf(w.campaignId, "campaign-approval-response");
    const send = vi.spyOn(inngest, "send").mockResolvedValue({ ids: [] });

    const res = await resume(post(`/api/campaigns/${w.campaignId}/resume`, w.owner.cookie, { confirm: true }), params(w.campaignId));
    expect(res.status).toBe(202);
    expect(send).toHaveBeenCalledWith(
      expect.objectContaining({
        name: "campaign/plan.approved",
        id: `campaign-approved-${w.campaignId}-a1`,
        data: expect.objectContaining({ campaignId: w.campaignId, version: 1, approvedBy: w.owner.userId }),
      }),
    );
    expect(await load(w.campaignId)).toEqual(before);
    expect(await messagesOf(w.campaignId, "campaign-approval-response")).toHaveLength(responsesBefore.length);
  });

  it("refuses another organization (404), a missing confirm (400 naming it) and a pending or live plan (409)", async () => {
    const w = await plannedWorld("Hal");
    const outsider = await seedWorld(handle.db, { name: "Mallory", connect: false });
    const send = vi.spyOn(inngest, "send").mockResolvedValue({ ids: [] });
    const call = (cookie: string | undefined, body: unknown) => resume(post(`/api/campaigns/${w.campaignId}/resume`, cookie, body), params(w.campaignId));

    expect((await call(outsider.owner.cookie, { confirm: true })).status).toBe(404);
    const missing = await call(w.owner.cookie, { confirm: false });
    expect(missing.status).toBe(400);
    expect((await missing.json()).error).toMatch(/^confirm: /);
    expect((await call(w.owner.cookie, { confirm: true })).status).toBe(409);
    await handle.db.update(campaignRecords).set({ status: "ACTIVE" }).where(eq(campaignRecords.id, w.campaignId));
    expect((await call(w.owner.cookie, { confirm: true })).status).toBe(409);
    expect(send).not.toHaveBeenCalled();
    expect((await load(w.campaignId)).deployAttempts).toBe(0);
  });
});

describe("GET /api/campaigns/[campaignId]/progress-token", () => {
  it("mints a token for that campaign's channel for members, 404 for others, 401 anonymous", async () => {
    const w = await plannedWorld("Ida");
    const outsider = await seedWorld(handle.db, { name: "Mallory", connect: false });
    const get = (cookie?: string, id = w.campaignId) => progressToken(jsonRequest(`/api/campaigns/${id}/progress-token`, { cookie }), params(id));

    expect((await get()).status).toBe(401);
    expect((await get(outsider.owner.cookie)).status).toBe(404);
    expect((await get(w.owner.cookie, "../../etc")).status).toBe(404);
    expect(tokenRequests).toEqual([]);
    const ok = await get(w.owner.cookie);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ token: { key: "a.b.c", apiBaseUrl: expect.any(String) }, status: "PENDING_APPROVAL" });
    expect(tokenRequests).toEqual([[{ channel: `campaign-deploy:${w.campaignId}`, name: "progress", kind: "run" }]]);
  });

  it("answers 503 with the status when the engine cannot mint a token", async () => {
    const w = await plannedWorld("Jo");
    tokenStatus = 502;
    vi.spyOn(console, "error").mockImplementation(() => {});
    const res = await progressToken(jsonRequest(`/api/campaigns/${w.campaignId}/progress-token`, { cookie: w.owner.cookie }), params(w.campaignId));
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ error: expect.stringMatching(/Live progress is unavailable/), status: "PENDING_APPROVAL" });
  });
});

describe("clean up and resume are exclusive (item 6)", () => {
  const call = (route: typeof resume, path: "resume" | "cleanup", w: World & { campaignId: string }) =>
    route(post(`/api/campaigns/${w.campaignId}/${path}`, w.owner.cookie, { confirm: true }), params(w.campaignId));
  const sentNames = (send: { mock: { calls: unknown[][] } }) => send.mock.calls.map((c) => (c[0] as { name: string }).name);

  it("Resume and Clean up pressed at the same moment: exactly one wins and only its event is sent", async () => {
    for (const name of ["Kim", "Lou", "Max"]) {
      const w = await failedWorld(name);
      const send = vi.spyOn(inngest, "send").mockResolvedValue({ ids: [] });
      const [r, c] = await Promise.all([call(resume, "resume", w), call(cleanup, "cleanup", w)]);
      expect([r.status, c.status].sort()).toEqual([202, 409]);
      const row = await load(w.campaignId);
      if (r.status === 202) {
        expect(row.status).toBe("APPROVED");
        expect(sentNames(send)).toEqual(["campaign/plan.approved"]);
        expect((await c.json()).error).toMatch(/already running/);
      } else {
        expect(row.status).toBe("CLEANING_UP");
        expect(sentNames(send)).toEqual(["campaign/cleanup.requested"]);
        expect((await r.json()).error).toMatch(/being cleaned up/);
      }
      send.mockRestore();
    }
  });

  it("Resume during a cleanup is refused; after the cleanup it says to ask for a new plan; the cleanup is not disturbed", async () => {
    const w = await failedWorld("Ned");
    const send = vi.spyOn(inngest, "send").mockResolvedValue({ ids: [] });
    expect((await call(cleanup, "cleanup", w)).status).toBe(202);
    const during = await call(resume, "resume", w);
    expect(during.status).toBe(409);
    expect((await during.json()).error).toMatch(/being cleaned up; wait until that finishes/);
    expect((await load(w.campaignId)).deployAttempts).toBe(1);

    const { result } = await runCleanup(w);
    expect(result).toEqual({ deleted: true, cleaned: true });
    const after = await call(resume, "resume", w);
    expect(after.status).toBe(409);
    expect((await after.json()).error).toMatch(/ask for a new plan/);
    expect(sentNames(send)).toEqual(["campaign/cleanup.requested"]);
    expect((await load(w.campaignId)).status).toBe("CLEANED_UP");
  });

  it("Clean up during a deploy is refused, and a cleanup event arriving after a Resume deletes nothing", async () => {
    const w = await failedWorld("Oli");
    const send = vi.spyOn(inngest, "send").mockResolvedValue({ ids: [] });
    expect((await call(resume, "resume", w)).status).toBe(202);
    for (const status of ["APPROVED", "DEPLOYING"] as const) {
      await handle.db.update(campaignRecords).set({ status }).where(eq(campaignRecords.id, w.campaignId));
      const res = await call(cleanup, "cleanup", w);
      expect(res.status).toBe(409);
      expect((await res.json()).error).toMatch(/already running/);
    }
    // A cleanup event for the earlier attempt (say, sent before the resume won) finds no claim.
    const { result } = await runCleanup(w);
    expect(result).toEqual({ deleted: false, cleaned: false });
    expect(deleted).toEqual([]);
    expect(sentNames(send)).toEqual(["campaign/plan.approved"]);
  });

  it("deploy and cleanup count against one per-ad-account limit (env scope, same key)", () => {
    const synced = (fn: typeof cleanupCampaign | typeof deployCampaign) =>
      (fn as unknown as { getConfig: (o: object) => { concurrency?: unknown[] }[] }).getConfig({ baseUrl: new URL("http://app/api/inngest"), appPrefix: "aigency" })[0]!.concurrency;
    const perAccount = { key: `"facebook-ad-account:" + event.data.adAccountId`, scope: "env", limit: 1 };
    expect(synced(cleanupCampaign)).toContainEqual(perAccount);
    expect(synced(deployCampaign)).toContainEqual(perAccount);
  });
});
