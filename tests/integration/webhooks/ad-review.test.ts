import { InngestTestEngine } from "@inngest/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { facebookWebhookReceived } from "@/inngest/events";
import { handleAdReview } from "@/inngest/functions/webhooks/handle-ad-review";
import { setDeps } from "@/server/deps";
import { recordAdReview } from "@/server/webhooks/ad-review";
import { createTestDb } from "../../support/db";
import { embeddedDeps, testCtx } from "../campaigns/support";
import { change, disapproved, ENTRY_ID, seedAdCampaign, statusChange, withIssues, written } from "./review-support";

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

describe("webhooks-handle-ad-review", () => {
  it("marks a disapproved ad, tells the owner once in plain words, and emits ad.review-changed", async () => {
    const c = await seedAdCampaign(handle.db, "review-fn");
    const data = withIssues(c.ids.ads[1], T);
    const ctx = testCtx();
    const { result } = await new InngestTestEngine({
      function: handleAdReview,
      events: [facebookWebhookReceived.create({ ...data, deliveryId: "d1", object: "ad_account" }) as never],
      transformCtx: ctx.transformCtx,
    }).execute();
    expect(result).toEqual({ outcomes: [{ campaignId: c.campaignId, reviewStatus: "WITH_ISSUES", changed: true }] });
    const w = await written(handle.db, c);
    expect(w.states).toEqual([
      expect.objectContaining({ objectId: c.ids.ads[1], objectType: "ad", reviewStatus: "WITH_ISSUES", reviewReportedAt: new Date(T * 1000), heldAt: null }),
    ]);
    expect(w.states[0]!.reviewReason).toMatch(/breaks the rules/);
    expect(w.messages).toHaveLength(1);
    const text = w.messages[0]!.content;
    expect(text).toContain("“Sourdough every week”");
    expect(text).toContain("Facebook said: “Ad uses text that breaks the rules");
    expect(text).toMatch(/not counted against it|leaves it out of its checks/);
    expect(text).not.toContain(c.ids.ads[1]);
    expect(w.notifications).toEqual([expect.objectContaining({ type: "ALERT", userId: c.owner.userId, title: "Facebook found a problem with one of your ads" })]);
    const names = ctx.sent.flatMap((s) => [s.payload].flat() as { name: string; id?: string; data: Record<string, unknown> }[]);
    expect(names.find((e) => e.name === "facebook/ad.review-changed")).toMatchObject({
      id: `ad-review-changed-${data.changeId}-${c.organizationId}`,
      data: { campaignId: c.campaignId, adId: c.ids.ads[1], reviewStatus: "WITH_ISSUES" },
    });
    expect(names.map((e) => e.name)).toContain("notification/created");
  });

  it("three concurrent deliveries and a redelivery of one report: one mark, one message, one notification", async () => {
    const c = await seedAdCampaign(handle.db, "review-race");
    // An earlier report exists, so every racer reads a row and tries to move it: only the compare-and-set picks one.
    await recordAdReview(handle.db, statusChange(c.ids.ads[0], "PENDING_REVIEW", T - 60));
    const report = disapproved(c.ids.ads[0], T);
    const results = await Promise.all([recordAdReview(handle.db, report), recordAdReview(handle.db, report), recordAdReview(handle.db, report)]);
    const changed = results.flatMap((r) => ("outcomes" in r ? r.outcomes : [])).filter((o) => o.changed);
    expect(changed).toHaveLength(1);
    await recordAdReview(handle.db, report);
    const w = await written(handle.db, c);
    expect(w.states.map((s) => [s.objectId, s.reviewStatus])).toEqual([[c.ids.ads[0], "DISAPPROVED"]]);
    expect(w.messages).toHaveLength(1);
    expect(w.messages[0]!.content).toMatch(/^Facebook turned down one of your ads\n\nFacebook reviewed the ad “Fresh bread by 8am” and did not approve it/);
    expect(w.notifications).toHaveLength(1);
  });

  it("ignores a report older than the one recorded", async () => {
    const c = await seedAdCampaign(handle.db, "review-old");
    await recordAdReview(handle.db, disapproved(c.ids.ads[0], T));
    const late = await recordAdReview(handle.db, statusChange(c.ids.ads[0], "APPROVED", T - 3600));
    expect(late).toEqual({ outcomes: [expect.objectContaining({ changed: false })] });
    const w = await written(handle.db, c);
    expect(w.states[0]).toMatchObject({ reviewStatus: "DISAPPROVED", reviewReportedAt: new Date(T * 1000) });
    expect(w.messages).toHaveLength(1);
  });

  it("a later approval clears the mark and says so once; a first approval is recorded without a word", async () => {
    const c = await seedAdCampaign(handle.db, "review-clear");
    await recordAdReview(handle.db, withIssues(c.ids.ads[2], T));
    await recordAdReview(handle.db, statusChange(c.ids.ads[2], "ACTIVE", T + 600));
    await recordAdReview(handle.db, statusChange(c.ids.ads[1], "APPROVED", T + 600));
    const w = await written(handle.db, c);
    const byId = new Map(w.states.map((s) => [s.objectId, s]));
    expect(byId.get(c.ids.ads[2])).toMatchObject({ reviewStatus: "APPROVED", reviewReason: null });
    expect(byId.get(c.ids.ads[1])).toMatchObject({ reviewStatus: "APPROVED" });
    expect(w.messages.map((m) => m.content.split("\n")[0])).toEqual(["Facebook found a problem with one of your ads", "Facebook approved your ad"]);
    expect(w.notifications.map((n) => n.type).sort()).toEqual(["AGENT_UPDATE", "ALERT"]);
  });

  it.each([
    { name: "an object no campaign of ours has", value: { id: "999999", level: "AD", status_name: "DISAPPROVED" }, entry: ENTRY_ID },
    { name: "our ad in another ad account", value: { id: "OURS", level: "AD", status_name: "DISAPPROVED" }, entry: "555" },
    { name: "an id of the wrong type", value: { id: { nested: true }, status_name: "DISAPPROVED" }, entry: ENTRY_ID },
    { name: "no status at all", value: { id: "OURS" }, entry: ENTRY_ID },
  ])("records $name as unmatched without throwing or writing", async ({ value, entry }) => {
    const c = await seedAdCampaign(handle.db, `review-unknown-${entry}-${JSON.stringify(value).length}`);
    const v = { ...value, id: value.id === "OURS" ? c.ids.ads[0] : value.id };
    const result = await recordAdReview(handle.db, change("in_process_ad_objects", v, T, entry));
    expect(result).toEqual({ unmatched: expect.any(String) });
    const w = await written(handle.db, c);
    expect([w.states, w.messages, w.notifications]).toEqual([[], [], []]);
  });

  it("the function ends an unknown object with 'unmatched', no error", async () => {
    const { result, error } = await new InngestTestEngine({
      function: handleAdReview,
      events: [facebookWebhookReceived.create({ ...disapproved("424242", T), deliveryId: "d2", object: "ad_account" }) as never],
      transformCtx: testCtx().transformCtx,
    }).execute();
    expect(error).toBeUndefined();
    expect(result).toEqual({ unmatched: "no campaign of ours has this object" });
  });
});
