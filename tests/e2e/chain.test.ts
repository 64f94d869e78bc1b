import { describe, expect, inject, it } from "vitest";
import { signedInClient } from "./support/app-api";
import { DevServer } from "./support/dev-server-api";
import { approvePlan, onboardToPendingPlan, runOf } from "./support/product-flow";

const devServer = new DevServer(inject("devServerUrl"));

describe("the product chain through the real engine", () => {
  it("onboarding → plan → approval → deployment completes, every stage's event visible in the Dev Server", async () => {
    const since = new Date(Date.now() - 1_000);
    const app = await signedInClient(inject("appUrl"), "chain");
    const { projectId, campaignId, planned } = await onboardToPendingPlan(app, devServer, since);

    for (const name of ["project/created", "onboarding/message.sent", "onboarding/brief.extracted", "facebook/account.connected"]) {
      await devServer.waitForEvent(name, { projectId }, { since });
    }
    expect(planned.data).toMatchObject({ projectId, campaignId });

    await approvePlan(app, campaignId);
    const approved = await devServer.waitForEvent("campaign/plan.approved", { campaignId }, { since });
    const deploy = await runOf(devServer, approved, "aigency-deploy-campaign");
    const deployed = await devServer.waitForRunStatus(deploy.id, { statuses: ["COMPLETED"], timeoutMs: 90_000 });
    expect(deployed.output).toMatchObject({ deployed: true });

    // The approval wait (started by plan.generated) resumed on the approval event.
    const waiter = await runOf(devServer, planned, "aigency-await-plan-approval");
    expect((await devServer.waitForRunStatus(waiter.id, { statuses: ["COMPLETED"] })).output).toEqual({ outcome: "approved" });

    const live = await devServer.waitForEvent("campaign/deployed", { campaignId }, { since });
    expect(live.data.fbCampaignId).toEqual((deployed.output as { fbCampaignId: string }).fbCampaignId);
  });
});
