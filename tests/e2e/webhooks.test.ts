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
});
