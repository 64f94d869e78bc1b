import { describe, expect, inject, it } from "vitest";
import { signedInClient } from "./support/app-api";
import { engineApi } from "./support/engine";
import { approvePlan, listSimulatedObjects, onboardToPendingPlan, runOf, simAdAccountOf } from "./support/product-flow";

const devServer = engineApi();

describe("step retries", () => {
  it("a Facebook call that fails twice succeeds on retry and creates the campaign once", async () => {
    const since = new Date(Date.now() - 1_000);
    const app = await signedInClient(inject("appUrl"), "retry");
    const { campaignId, organizationId } = await onboardToPendingPlan(app, devServer, since);
    const campaignsBefore = (await listSimulatedObjects(app)).filter((o) => o.kind === "campaign").length;

    // Graph's "temporarily unavailable" (code 2), twice, at the fake's network boundary.
    const fault = await app.request("POST", "/api/dev/simulated-ads/faults", {
      adAccountId: simAdAccountOf(organizationId),
      operation: "createCampaign",
      remaining: 2,
      httpStatus: 503,
      code: 2,
      message: "Service temporarily unavailable",
      isTransient: true,
    });
    expect(fault.status, JSON.stringify(fault.body)).toBe(201);

    await approvePlan(app, campaignId);
    const approved = await devServer.waitForEvent("campaign/plan.approved", { campaignId }, { since });
    const deploy = await runOf(devServer, approved, "aigency-deploy-campaign");
    const done = await devServer.waitForRunStatus(deploy.id, { statuses: ["COMPLETED"], timeoutMs: 120_000 });
    expect(done.output).toMatchObject({ deployed: true });

    // The step really failed twice first: its span ended on the third attempt (0-based 2).
    expect((await devServer.stepAttempts(deploy.id))["create-campaign"]).toBe(2);

    const campaigns = (await listSimulatedObjects(app)).filter((o) => o.kind === "campaign");
    expect(campaigns.length - campaignsBefore).toBe(1);
    expect(campaigns.map((c) => c.id)).toContain((done.output as { fbCampaignId: string }).fbCampaignId);
  });

  it("an ad set whose create answer is lost is adopted by its marker on the retry: exactly one ad set", async () => {
    const since = new Date(Date.now() - 1_000);
    const app = await signedInClient(inject("appUrl"), "lost-answer");
    const { campaignId, organizationId } = await onboardToPendingPlan(app, devServer, since);

    // Graph applies the create, then the connection drops before we read the id. One unit only: the
    // retry looks up instead of creating, so a second unit would linger unused.
    const fault = await app.request("POST", "/api/dev/simulated-ads/faults", {
      adAccountId: simAdAccountOf(organizationId),
      operation: "createAdSet",
      effect: "lose-response",
    });
    expect(fault.status, JSON.stringify(fault.body)).toBe(201);

    await approvePlan(app, campaignId);
    const approved = await devServer.waitForEvent("campaign/plan.approved", { campaignId }, { since });
    const deploy = await runOf(devServer, approved, "aigency-deploy-campaign");
    const done = await devServer.waitForRunStatus(deploy.id, { statuses: ["COMPLETED"], timeoutMs: 120_000 });
    const fbCampaignId = (done.output as { fbCampaignId: string }).fbCampaignId;

    expect((await devServer.stepAttempts(deploy.id))["create-ad-set-0"]).toBe(1);
    const adSets = (await listSimulatedObjects(app)).filter((o) => o.kind === "adset" && o.parentId === fbCampaignId);
    expect(adSets).toHaveLength(1);
    expect(adSets[0]!.status).toBe("ACTIVE");
  });
});
