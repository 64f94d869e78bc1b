import { InngestTestEngine } from "@inngest/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { facebookWebhookReceived } from "@/inngest/events";
import { handleOutsideStatusChange } from "@/inngest/functions/webhooks/handle-outside-status-change";
import { setDeps } from "@/server/deps";
import { applyAction } from "@/server/optimization/apply";
import { recordDecisions } from "@/server/optimization/ledger";
import { accountNow } from "@/server/performance/account-clock";
import { SIMULATED_TOKEN_PREFIX } from "@/server/services/facebook/simulated";
import { recordOutsideStatus } from "@/server/webhooks/outside-status";
import { createTestDb } from "../../support/db";
import { embeddedDeps, testCtx } from "../campaigns/support";
import { decision, loadAction } from "../optimization/support";
import { change, seedAdCampaign, statusChange, written } from "./review-support";

let handle: Awaited<ReturnType<typeof createTestDb>>;
beforeAll(async () => {
  handle = await createTestDb();
  setDeps(embeddedDeps(handle.db));
});
afterAll(async () => {
  setDeps();
  await handle?.close();
});

const T = 1_800_000_000;
const SIM_ACCOUNT = "act_100000000000009";
const SIM_ENTRY = SIM_ACCOUNT.replace("act_", "");

/** A live campaign on the simulated account: one ad set, a running ad and a paused one (rotated out earlier). */
async function simulatedCampaign(name: string) {
  const deps = embeddedDeps(handle.db);
  const ctx = { accessToken: `${SIMULATED_TOKEN_PREFIX}t`, adAccountId: SIM_ACCOUNT };
  const fb = deps.services.facebook;
  const campaign = await fb.createCampaign(ctx, { name: `c-${name}`, objective: "OUTCOME_LEADS", status: "ACTIVE", specialAdCategories: [] });
  const adSet = await fb.createAdSet(ctx, {
    name: `s-${name}`, campaignId: campaign.id, dailyBudgetCents: 4000, billingEvent: "IMPRESSIONS", optimizationGoal: "LEAD_GENERATION",
    targeting: { geo_locations: { countries: ["US"] } }, status: "ACTIVE",
  });
  const { hash } = await fb.uploadImage(ctx, { name: `${name}.png`, bytes: Buffer.from(name) });
  const ad = async (n: string, status: "ACTIVE" | "PAUSED") => {
    const creative = await fb.createCreative(ctx, { name: `cr-${n}-${name}`, pageId: "100000000000101", imageHash: hash, link: "https://bakery.example", headline: n, primaryText: n, callToAction: "LEARN_MORE" });
    return fb.createAd(ctx, { name: `${n}-${name}`, adSetId: adSet.id, creativeId: creative.id, status });
  };
  const [running, fresh, third] = [await ad("a", "ACTIVE"), await ad("b", "PAUSED"), await ad("c", "ACTIVE")];
  const c = await seedAdCampaign(handle.db, name, {
    adAccountId: SIM_ACCOUNT, fbCampaignId: campaign.id, simulated: true,
    ids: { campaign: campaign.id, adSet: adSet.id, ads: [running.id, fresh.id, third.id] },
  });
  return { c, deps, ctx, ids: c.ids };
}

async function recordAction(s: Awaited<ReturnType<typeof simulatedCampaign>>, d: ReturnType<typeof decision>) {
  const [row] = await recordDecisions(handle.db, {
    organizationId: s.c.organizationId, projectId: s.c.projectId, campaignId: s.c.campaignId, adAccountId: SIM_ACCOUNT,
    currency: "USD", now: await accountNow(s.deps, SIM_ACCOUNT), approvalTimeoutMs: 3_600_000, decisions: [d],
  });
  return row!;
}

const statuses = async (s: Awaited<ReturnType<typeof simulatedCampaign>>) =>
  Object.fromEntries((await s.deps.services.facebook.readObjects(s.ctx, s.ids.ads)).map((o) => [o.id, o.status]));

describe("webhooks-handle-outside-status-change", () => {
  it("a person's pause holds the ad, tells the owner once, and emits object.changed-outside", async () => {
    const c = await seedAdCampaign(handle.db, "outside-fn");
    const data = statusChange(c.ids.ads[0], "PAUSED", T);
    const ctx = testCtx();
    const run = () =>
      new InngestTestEngine({
        function: handleOutsideStatusChange,
        events: [facebookWebhookReceived.create({ ...data, deliveryId: "d1", object: "ad_account" }) as never],
        transformCtx: ctx.transformCtx,
      }).execute();
    const { result } = await run();
    expect(result).toEqual({ outcomes: [{ campaignId: c.campaignId, status: "PAUSED", explainedBy: null, changed: true }] });
    await run();
    const w = await written(handle.db, c);
    expect(w.states).toEqual([expect.objectContaining({ objectId: c.ids.ads[0], outsideStatus: "PAUSED", heldAt: new Date(T * 1000), reviewStatus: null })]);
    expect(w.messages.map((m) => m.content)).toEqual([expect.stringMatching(/^Someone paused the ad “Fresh bread by 8am” outside Aigency\n\n.*will not turn it back on/s)]);
    expect(w.messages[0]!.content).not.toContain(c.ids.ads[0]);
    expect(w.notifications).toHaveLength(1);
    const sent = ctx.sent.flatMap((s) => [s.payload].flat() as { name: string; id?: string; data: Record<string, unknown> }[]);
    expect(sent.find((e) => e.name === "facebook/object.changed-outside")).toMatchObject({
      id: `object-changed-outside-${data.changeId}-${c.organizationId}`,
      data: { objectId: c.ids.ads[0], objectType: "ad", status: "PAUSED" },
    });
  });

  it("three racing deliveries of one pause: one hold, one message, one notification", async () => {
    const c = await seedAdCampaign(handle.db, "outside-race");
    await recordOutsideStatus(handle.db, statusChange(c.ids.adSet, "ACTIVE", T - 60, "AD_SET"));
    const report = statusChange(c.ids.adSet, "PAUSED", T, "AD_SET");
    await Promise.all([recordOutsideStatus(handle.db, report), recordOutsideStatus(handle.db, report), recordOutsideStatus(handle.db, report)]);
    const w = await written(handle.db, c);
    expect(w.states.map((s) => [s.objectType, s.outsideStatus, s.heldAt?.getTime()])).toEqual([["adset", "PAUSED", T * 1000]]);
    expect([w.messages.length, w.notifications.length]).toEqual([1, 1]);
    expect(w.messages[0]!.content).toContain("the group of ads “Parents nearby”");
  });

  it("a person turning it on again clears the hold and says so; an older report changes nothing", async () => {
    const c = await seedAdCampaign(handle.db, "outside-release");
    await recordOutsideStatus(handle.db, statusChange(c.ids.ads[1], "PAUSED", T));
    await recordOutsideStatus(handle.db, statusChange(c.ids.ads[1], "ACTIVE", T + 60));
    await recordOutsideStatus(handle.db, statusChange(c.ids.ads[1], "PAUSED", T + 30));
    const w = await written(handle.db, c);
    expect(w.states).toEqual([expect.objectContaining({ outsideStatus: "ACTIVE", heldAt: null, outsideReportedAt: new Date((T + 60) * 1000) })]);
    expect(w.messages.map((m) => m.content.split("\n")[0])).toEqual([
      "Someone paused the ad “Sourdough every week” outside Aigency",
      "The ad “Sourdough every week” is on again",
    ]);
  });

  it("an ACTIVE after a mere edit, or an unknown object, writes nothing said; odd values are unmatched", async () => {
    const c = await seedAdCampaign(handle.db, "outside-quiet");
    await recordOutsideStatus(handle.db, statusChange(c.ids.ads[2], "ACTIVE", T));
    expect((await written(handle.db, c)).messages).toEqual([]);
    expect(await recordOutsideStatus(handle.db, statusChange("777000", "PAUSED", T))).toEqual({ unmatched: "no campaign of ours has this object" });
    expect(await recordOutsideStatus(handle.db, change("in_process_ad_objects", { id: [1], status_name: 5 }, T))).toEqual({ unmatched: expect.any(String) });
  });

  it("our own applied pause is not recorded as a change made outside", async () => {
    const s = await simulatedCampaign("outside-ours");
    const [running] = s.ids.ads;
    const action = await recordAction(s, decision({ objectId: running, objectIds: [running], before: { statuses: { [running]: "ACTIVE" } }, after: { statuses: { [running]: "PAUSED" } } }));
    expect((await applyAction(s.deps, { organizationId: s.c.organizationId, actionId: action.id, runKey: "r1" })).status).toBe("APPLIED");
    const applied = await loadAction(handle.db, action.id);
    const at = Math.floor(applied.applyClaimedAt!.getTime() / 1000) + 5;
    const result = await recordOutsideStatus(handle.db, change("in_process_ad_objects", { id: running, level: "AD", status_name: "PAUSED" }, at, SIM_ENTRY));
    expect(result).toEqual({ outcomes: [expect.objectContaining({ explainedBy: "optimization-action", changed: false })] });
    expect(await written(handle.db, s.c)).toEqual({ states: [], messages: [], notifications: [] });
    // The same pause a day later is nobody's action of ours: a person did it.
    const later = await recordOutsideStatus(handle.db, change("in_process_ad_objects", { id: running, level: "AD", status_name: "PAUSED" }, at + 86_400, SIM_ENTRY));
    expect(later).toEqual({ outcomes: [expect.objectContaining({ explainedBy: null, changed: true })] });
  });

  it("a rotation that would turn on an ad a person paused ends CONFLICT with nothing written on Facebook", async () => {
    const s = await simulatedCampaign("outside-rotate");
    const [running, fresh] = s.ids.ads;
    const action = await recordAction(
      s,
      decision({
        rule: "creative-fatigue", kind: "ROTATE_CREATIVE", objectId: running, objectIds: [running, fresh],
        before: { statuses: { [running]: "ACTIVE", [fresh]: "PAUSED" } }, after: { statuses: { [running]: "PAUSED", [fresh]: "ACTIVE" } },
      }),
    );
    const before = await statuses(s);
    // After the proposal a person turned the fresh ad on and off again in Ads Manager: it reads PAUSED, as "before" expects.
    await recordOutsideStatus(handle.db, change("in_process_ad_objects", { id: fresh, level: "AD", status_name: "PAUSED" }, Math.floor(Date.now() / 1000), SIM_ENTRY));
    const result = await applyAction(s.deps, { organizationId: s.c.organizationId, actionId: action.id, runKey: "r1" });
    expect(result.status).toBe("CONFLICT");
    expect((await loadAction(handle.db, action.id)).outcome).toMatch(/^Someone turned off the ad “Sourdough every week” outside the agency/);
    expect(await statuses(s)).toEqual(before);
    expect(before).toEqual({ [running]: "ACTIVE", [fresh]: "PAUSED", [s.ids.ads[2]]: "ACTIVE" });
  });

  it("a change under a held ad set ends CONFLICT too, and once the person turns it on the same kind of change applies", async () => {
    const s = await simulatedCampaign("outside-adset");
    const [, , third] = s.ids.ads;
    const pause = (n: number) => decision({ objectId: third, objectIds: [third], idempotencyKey: `k-${n}-${third}`, before: { statuses: { [third]: "ACTIVE" } }, after: { statuses: { [third]: "PAUSED" } } });
    const now = Math.floor(Date.now() / 1000);
    await recordOutsideStatus(handle.db, change("in_process_ad_objects", { id: s.ids.adSet, level: "AD_SET", status_name: "PAUSED" }, now - 120, SIM_ENTRY));
    const first = await recordAction(s, pause(1));
    expect((await applyAction(s.deps, { organizationId: s.c.organizationId, actionId: first.id, runKey: "r1" })).status).toBe("CONFLICT");
    expect((await statuses(s))[third]).toBe("ACTIVE");
    await recordOutsideStatus(handle.db, change("in_process_ad_objects", { id: s.ids.adSet, level: "AD_SET", status_name: "ACTIVE" }, now - 60, SIM_ENTRY));
    const second = await recordAction(s, pause(2));
    expect((await applyAction(s.deps, { organizationId: s.c.organizationId, actionId: second.id, runKey: "r2" })).status).toBe("APPLIED");
    expect((await statuses(s))[third]).toBe("PAUSED");
  });
});
