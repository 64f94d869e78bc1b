import { describe, expect, inject, it } from "vitest";
import { signedInClient } from "./support/app-api";
import { engineApi } from "./support/engine";
import { whileNodeStopped } from "./support/engine-nodes";
import { approvePlan, onboardToPendingPlan, runOf } from "./support/product-flow";

const devServer = engineApi();
const { nodes } = inject("engine");

/** On the selfhost profile node A is stopped for `work`: node B alone must take the approval and deploy. */
const withOnlyNodeB = <T>(work: () => Promise<T>) => (nodes ? whileNodeStopped(nodes.a.pid, work) : work());

describe("the product chain through the real engine", () => {
  it("onboarding → plan → approval → deployment completes, every stage's event visible in the engine", async () => {
    const since = new Date(Date.now() - 1_000);
    const app = await signedInClient(inject("appUrl"), "chain");
    const { projectId, campaignId, planned } = await onboardToPendingPlan(app, devServer, since);

    for (const name of ["project/created", "onboarding/message.sent", "onboarding/brief.extracted", "facebook/account.connected"]) {
      await devServer.waitForEvent(name, { projectId }, { since });
    }
    expect(planned.data).toMatchObject({ projectId, campaignId });
    // The approval wait (started by plan.generated) is parked on its first waitForEvent.
    const waiter = await runOf(devServer, planned, "aigency-await-plan-approval");
    await devServer.waitForStep(waiter.id, "wait-for-approval");

    const deployed = await withOnlyNodeB(async () => {
      await approvePlan(app, campaignId);
      const approved = await devServer.waitForEvent("campaign/plan.approved", { campaignId }, { since });
      const deploy = await runOf(devServer, approved, "aigency-deploy-campaign");
      const done = await devServer.waitForRunStatus(deploy.id, { statuses: ["COMPLETED"], timeoutMs: 90_000 });
      // The wait resumed on the approval event.
      expect((await devServer.waitForRunStatus(waiter.id, { statuses: ["COMPLETED"] })).output).toEqual({ outcome: "approved" });
      return done;
    });
    expect(deployed.output).toMatchObject({ deployed: true });

    const live = await devServer.waitForEvent("campaign/deployed", { campaignId }, { since });
    expect(live.data.fbCampaignId).toEqual((deployed.output as { fbCampaignId: string }).fbCampaignId);
  });
});
