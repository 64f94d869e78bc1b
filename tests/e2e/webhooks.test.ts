import { describe, expect, inject, it } from "vitest";
import { signedInClient, type AppClient } from "./support/app-api";
import { DevServer } from "./support/dev-server-api";
import { approvePlan, onboardToPendingPlan, runOf } from "./support/product-flow";

const devServer = new DevServer(inject("devServerUrl"));

async function post(app: AppClient, path: string, body: unknown, status: number) {
  const res = await app.request<Record<string, unknown>>("POST", path, body);
  expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBe(status);
  return res.body;
}

async function liveCampaign(app: AppClient, goal: string) {
  const since = new Date(Date.now() - 1_000);
  const { campaignId } = await onboardToPendingPlan(app, devServer, since, { goal });
  await approvePlan(app, campaignId);
  await devServer.waitForEvent("campaign/deployed", { campaignId }, { since, timeoutMs: 120_000 });
  return campaignId;
}

async function notifications(app: AppClient) {
  const res = await app.request<{ notifications: { type: string; title: string; body: string }[] }>("GET", "/api/notifications");
  expect(res.status).toBe(200);
  return res.body.notifications;
}

describe("Facebook webhooks through the real engine (the simulated account posts signed deliveries to the endpoint)", () => {
  it("leads the simulated account delivers over simulated days are stored and the owner is notified", async () => {
    const app = await signedInClient(inject("appUrl"), "webhook-leads");
    const campaignId = await liveCampaign(app, "LEADS");
    const since = new Date(Date.now() - 1_000);
    // Seven complete days at 0–3 leads a day: the account posts them itself after the sweep's pull.
    await post(app, "/api/dev/simulated-clock", { days: 7 }, 200);
    await post(app, "/api/dev/performance-sweep", {}, 202);
    const stored = await devServer.waitForEvent("facebook/lead.stored", { campaignId, match: "MATCHED" }, { since, timeoutMs: 120_000 });
    expect(stored.data.organizationId).toBeTruthy();
    // The delivery arrived as a real signed HTTP POST: the endpoint accepted it and the engine ran the handler.
    const received = await devServer.waitForEvent("facebook/webhook.received", { field: "leadgen" }, { since, timeoutMs: 30_000 });
    expect((await runOf(devServer, received, "aigency-webhooks-handle-leadgen")).id).toBeTruthy();
    await expect.poll(async () => (await notifications(app)).filter((n) => n.type === "LEAD").length, { timeout: 30_000 }).toBeGreaterThan(0);
  });

  it("an ad account Facebook disables stops the optimisation engine for it; active again, it resumes", async () => {
    const app = await signedInClient(inject("appUrl"), "webhook-account");
    const campaignId = await liveCampaign(app, "SALES");
    let since = new Date(Date.now() - 1_000);
    await post(app, "/api/dev/facebook-webhooks/sample", { kind: "account-disabled", campaignId }, 202);
    await devServer.waitForEvent("facebook/ad-account.automation-paused", {}, { since, timeoutMs: 60_000 });
    await expect.poll(async () => (await notifications(app)).some((n) => n.type === "ACCOUNT_PROBLEM"), { timeout: 30_000 }).toBe(true);

    await post(app, "/api/dev/simulated-clock", { days: 10 }, 200);
    const { sweepId } = (await post(app, "/api/dev/performance-sweep", {}, 202)) as { sweepId: string };
    const pulled = await devServer.waitForEvent("performance/snapshot.pulled", { campaignId, sweepId }, { since, timeoutMs: 90_000 });
    const evaluate = await runOf(devServer, pulled, "aigency-evaluate-optimizations");
    const done = await devServer.waitForRunStatus(evaluate.id, { statuses: ["COMPLETED"], timeoutMs: 90_000 });
    expect(JSON.stringify(done.output)).toMatch(/skipped/i);

    since = new Date(Date.now() - 1_000);
    await post(app, "/api/dev/facebook-webhooks/sample", { kind: "account-enabled", campaignId }, 202);
    await devServer.waitForEvent("facebook/ad-account.automation-resumed", {}, { since, timeoutMs: 60_000 });
  });

  it("a disapproval marks the ad, a pause made in Ads Manager is held, an unhandled field is recorded and nothing else runs", async () => {
    const app = await signedInClient(inject("appUrl"), "webhook-review");
    const campaignId = await liveCampaign(app, "SALES");
    const since = new Date(Date.now() - 1_000);
    await post(app, "/api/dev/facebook-webhooks/sample", { kind: "ad-disapproved", campaignId }, 202);
    const reviewed = await devServer.waitForEvent("facebook/ad.review-changed", { campaignId }, { since, timeoutMs: 60_000 });
    expect(reviewed.data.reviewStatus).toBe("WITH_ISSUES");
    await post(app, "/api/dev/facebook-webhooks/sample", { kind: "paused-outside", campaignId }, 202);
    const held = await devServer.waitForEvent("facebook/object.changed-outside", { campaignId }, { since, timeoutMs: 60_000 });
    expect(held.data).toMatchObject({ objectType: "ad", status: "PAUSED" });

    await post(app, "/api/dev/facebook-webhooks/sample", { kind: "unknown-field", campaignId }, 202);
    const unknown = await devServer.waitForEvent("facebook/webhook.received", { field: "ad_recommendations" }, { since, timeoutMs: 30_000 });
    // Acknowledged and kept with its delivery; no handler listens to that field (the `if` filters, evaluated by the engine).
    await expect.poll(async () => {
      const res = await app.request<{ deliveries: { raw: string }[] }>("GET", "/api/dev/webhook-deliveries?limit=20");
      return res.body.deliveries.some((d) => d.raw.includes("ad_recommendations"));
    }, { timeout: 30_000 }).toBe(true);
    // A handled change sent after it has been handled, so a handler the unknown change started would exist by now.
    const after = new Date();
    await post(app, "/api/dev/facebook-webhooks/sample", { kind: "lead", campaignId }, 202);
    await devServer.waitForEvent("facebook/lead.stored", { campaignId }, { since: after, timeoutMs: 60_000 });
    const runs = await devServer.waitForRuns(unknown.id, { count: 0 });
    expect(runs.map((r) => r.functionSlug).filter((slug) => slug.startsWith("aigency-webhooks-handle"))).toEqual([]);
  });
});
