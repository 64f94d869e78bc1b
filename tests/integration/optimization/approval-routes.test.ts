import { and, eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { POST as approve } from "@/app/api/optimization/actions/[actionId]/approve/route";
import { POST as dismiss } from "@/app/api/optimization/actions/[actionId]/dismiss/route";
import { GET as getPolicy, PUT as putPolicy } from "@/app/api/optimization/policy/route";
import { inngest } from "@/inngest/client";
import { messages, optimizationActions } from "@/server/db/schema";
import { setDeps } from "@/server/deps";
import { postApprovalCard } from "@/server/optimization/approval-notify";
import { createTestDb } from "../../support/db";
import { jsonRequest } from "../../support/viewers";
import { embeddedDeps, seedWorld } from "../campaigns/support";
import { decision, loadAction, record, seedLiveCampaign } from "./support";

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

const params = (actionId: string) => ({ params: Promise.resolve({ actionId }) });
const post = (path: string, cookie: string | undefined, body: unknown, headers: Record<string, string> = {}) => {
  const req = jsonRequest(path, { method: "POST", cookie, body });
  for (const [k, v] of Object.entries(headers)) req.headers.set(k, v);
  return req;
};

/** A live campaign with a budget raise awaiting approval (and its card posted). */
async function awaiting(name: string) {
  const c = await seedLiveCampaign(handle.db, name);
  const action = await record(
    handle.db,
    c,
    decision({
      rule: "scale-winner",
      kind: "RAISE_BUDGET",
      objectType: "campaign",
      objectId: `cmp-${name}`,
      objectIds: [`as-${name}`],
      before: { dailyBudgets: { [`as-${name}`]: 4000 } },
      after: { dailyBudgets: { [`as-${name}`]: 6000 } },
      moneyMovedCents: 2000,
      budgetChangePercent: 50,
      disposition: "approval",
    }),
  );
  await postApprovalCard(embeddedDeps(handle.db), { organizationId: c.organizationId, actionId: action.id });
  return { c, action };
}

const cardOf = async (actionId: string) =>
  (
    await handle.db
      .select()
      .from(messages)
      .where(and(eq(messages.type, "AGENT_ACTION"), sql`${messages.metadata}->>'actionId' = ${actionId}`))
  ).map((m) => m.metadata as Record<string, unknown>);

describe("POST /api/optimization/actions/[actionId]/approve", () => {
  it("lets exactly one of two simultaneous approvals through, records who and when, and sends one event after the commit", async () => {
    const { c, action } = await awaiting("race");
    const send = vi.spyOn(inngest, "send").mockResolvedValue({ ids: ["e"] });
    const url = `/api/optimization/actions/${action.id}/approve`;
    const results = await Promise.all([1, 2].map(() => approve(post(url, c.owner.cookie, { confirm: true }), params(action.id))));
    expect(results.map((r) => r.status).sort()).toEqual([202, 409]);
    const loser = results.find((r) => r.status === 409)!;
    expect((await loser.json()).error).toBe("This change was already approved.");
    const row = await loadAction(handle.db, action.id);
    expect(row).toMatchObject({ status: "APPROVED", decidedBy: c.owner.userId });
    expect(row.decidedAt).toBeInstanceOf(Date);
    expect(send).toHaveBeenCalledTimes(1);
    expect(send).toHaveBeenCalledWith(
      expect.objectContaining({
        name: "optimization/action.approved",
        id: `action-approved-${action.id}`,
        data: expect.objectContaining({ actionId: action.id, approvedBy: c.owner.userId, adAccountId: "act_1234567890" }),
      }),
    );
    const cards = await cardOf(action.id);
    expect(cards).toHaveLength(1);
    expect(cards[0]).toMatchObject({ kind: "optimization-action", status: "APPROVED", currency: "USD", reason: expect.any(String) });
  });

  it("answers 404 to another organization's member, 401 without a session, 400 naming the field, writing nothing", async () => {
    const { c, action } = await awaiting("tenancy");
    const outsider = await seedWorld(handle.db, { name: "Mallory", connect: false });
    const send = vi.spyOn(inngest, "send").mockResolvedValue({ ids: [] });
    const url = `/api/optimization/actions/${action.id}/approve`;
    expect((await approve(post(url, outsider.owner.cookie, { confirm: true }), params(action.id))).status).toBe(404);
    expect((await dismiss(post(url, outsider.owner.cookie, {}), params(action.id))).status).toBe(404);
    expect((await approve(post(url, undefined, { confirm: true }), params(action.id))).status).toBe(401);
    const bad = await approve(post(url, c.owner.cookie, { confirm: "yes" }), params(action.id));
    expect(bad.status).toBe(400);
    expect((await bad.json()).fields[0].field).toBe("confirm");
    expect((await approve(post("/api/optimization/actions/nope/approve", c.owner.cookie, { confirm: true }), params("nope"))).status).toBe(404);
    expect((await loadAction(handle.db, action.id)).status).toBe("AWAITING_APPROVAL");
    expect(send).not.toHaveBeenCalled();
  });

  it("refuses a cross-site request with 403 before reading anything", async () => {
    const { c, action } = await awaiting("csrf");
    const send = vi.spyOn(inngest, "send").mockResolvedValue({ ids: [] });
    const res = await approve(
      post(`/api/optimization/actions/${action.id}/approve`, c.owner.cookie, { confirm: true }, { origin: "https://evil.example" }),
      params(action.id),
    );
    expect(res.status).toBe(403);
    expect((await loadAction(handle.db, action.id)).status).toBe("AWAITING_APPROVAL");
    expect(send).not.toHaveBeenCalled();
  });

  it("refuses an expired proposal (409) and marks it EXPIRED", async () => {
    const { c, action } = await awaiting("expired");
    const send = vi.spyOn(inngest, "send").mockResolvedValue({ ids: [] });
    await handle.db.update(optimizationActions).set({ expiresAt: new Date(Date.now() - 60_000) }).where(eq(optimizationActions.id, action.id));
    const res = await approve(post(`/api/optimization/actions/${action.id}/approve`, c.owner.cookie, { confirm: true }), params(action.id));
    expect(res.status).toBe(409);
    expect((await res.json()).error).toMatch(/expired/);
    expect((await loadAction(handle.db, action.id)).status).toBe("EXPIRED");
    expect((await cardOf(action.id))[0]).toMatchObject({ status: "EXPIRED" });
    expect(send).not.toHaveBeenCalled();
  });

  it("dismisses once (REJECTED, dismissed event); approving afterwards is a 409", async () => {
    const { c, action } = await awaiting("dismiss");
    const send = vi.spyOn(inngest, "send").mockResolvedValue({ ids: [] });
    const res = await dismiss(post(`/api/optimization/actions/${action.id}/dismiss`, c.owner.cookie, {}), params(action.id));
    expect(res.status).toBe(202);
    expect(await loadAction(handle.db, action.id)).toMatchObject({ status: "REJECTED", decidedBy: c.owner.userId });
    expect(send).toHaveBeenCalledWith(expect.objectContaining({ name: "optimization/action.dismissed", id: `action-dismissed-${action.id}` }));
    const late = await approve(post(`/api/optimization/actions/${action.id}/approve`, c.owner.cookie, { confirm: true }), params(action.id));
    expect(late.status).toBe(409);
    expect((await late.json()).error).toBe("This change was already dismissed.");
  });
});

describe("GET/PUT /api/optimization/policy", () => {
  const put = (cookie: string | undefined, body: unknown) => jsonRequest("/api/optimization/policy", { method: "PUT", cookie, body });

  it("starts at the safe defaults, saves a whole policy, and names the field it refuses", async () => {
    const w = await seedWorld(handle.db, { name: "Polly", connect: false });
    const initial = await getPolicy(jsonRequest("/api/optimization/policy", { cookie: w.owner.cookie }));
    expect((await initial.json()).policy).toEqual({ autonomousMaxPercent: 20, blockAbovePercent: 100, suggestOnly: false, dryRun: false, dailyCapCents: 5000, cooldownHours: 24 });

    const policy = { autonomousMaxPercent: 10, blockAbovePercent: 50, suggestOnly: true, dryRun: false, dailyCapCents: 2000, cooldownHours: 48 };
    const saved = await putPolicy(put(w.owner.cookie, policy));
    expect(saved.status).toBe(200);
    expect((await (await getPolicy(jsonRequest("/api/optimization/policy", { cookie: w.owner.cookie }))).json()).policy).toEqual(policy);

    const inverted = await putPolicy(put(w.owner.cookie, { ...policy, autonomousMaxPercent: 60, blockAbovePercent: 40 }));
    expect(inverted.status).toBe(400);
    expect((await inverted.json()).fields[0].field).toBe("blockAbovePercent");
    const missing = await putPolicy(put(w.owner.cookie, { ...policy, dailyCapCents: undefined }));
    expect((await missing.json()).fields[0].field).toBe("dailyCapCents");
    expect((await putPolicy(put(undefined, policy))).status).toBe(401);
    const foreign = new Request("http://localhost:3000/api/optimization/policy", {
      method: "PUT",
      headers: { "content-type": "application/json", cookie: w.owner.cookie, origin: "https://evil.example" },
      body: JSON.stringify({ ...policy, dryRun: true }),
    });
    expect((await putPolicy(foreign)).status).toBe(403);
    expect((await (await getPolicy(jsonRequest("/api/optimization/policy", { cookie: w.owner.cookie }))).json()).policy).toEqual(policy);

    const other = await seedWorld(handle.db, { name: "Otto", connect: false });
    expect((await (await getPolicy(jsonRequest("/api/optimization/policy", { cookie: other.owner.cookie }))).json()).policy.suggestOnly).toBe(false);
  });
});
