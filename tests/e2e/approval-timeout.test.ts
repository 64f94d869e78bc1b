import { describe, expect, inject, it } from "vitest";
import { signedInClient } from "./support/app-api";
import { engineApi } from "./support/engine";
import { onboardToPendingPlan, runOf } from "./support/product-flow";

const devServer = engineApi();

describe("plan approval wait (step.waitForEvent)", () => {
  it("takes the timeout path when no approval arrives: the plan expires and no deployment starts", async () => {
    const since = new Date(Date.now() - 1_000);
    const app = await signedInClient(inject("appUrl"), "timeout");
    const { campaignId, planned } = await onboardToPendingPlan(app, devServer, since);

    const waiter = await runOf(devServer, planned, "aigency-await-plan-approval");
    // PLAN_APPROVAL_TIMEOUT is 20s in the e2e app (global-setup), so this resolves in ~20 s.
    const done = await devServer.waitForRunStatus(waiter.id, { statuses: ["COMPLETED"], timeoutMs: 60_000 });
    expect(done.output).toEqual({ outcome: "expired" });

    const approvals = (await devServer.listEvents("campaign/plan.approved", since)).filter((e) => e.data.campaignId === campaignId);
    expect(approvals).toEqual([]);
    // The expired plan can no longer be approved.
    const late = await app.request("POST", `/api/campaigns/${campaignId}/approve`, { confirm: true });
    expect(late.status).toBeGreaterThanOrEqual(400);
    expect(late.status).toBeLessThan(500);
  });
});
