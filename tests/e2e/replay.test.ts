import { describe, expect, inject, it } from "vitest";
import { signedInClient, type AppClient } from "./support/app-api";
import { countTenantRows } from "./support/db-reader";
import { engineApi } from "./support/engine";
import { approvePlan, listSimulatedObjects, onboardToPendingPlan, runOf } from "./support/product-flow";

const devServer = engineApi();

const databaseUrl = inject("databaseUrl");

/** Everything a deployment writes. On Postgres the rows are counted in the database itself. */
async function sideEffects(app: AppClient, organizationId: string) {
  const objects = await listSimulatedObjects(app);
  const rows = databaseUrl ? await countTenantRows(databaseUrl, organizationId) : null;
  const mailbox = await app.request<{ emails: { id: string }[] }>("GET", "/api/dev/mailbox");
  expect(mailbox.status, JSON.stringify(mailbox.body)).toBe(200);
  const notifications = await app.request<{ notifications: { id: string }[] }>("GET", "/api/notifications");
  expect(notifications.status, JSON.stringify(notifications.body)).toBe(200);
  return {
    objectIds: objects.map((o) => o.id).sort(),
    emailIds: mailbox.body.emails.map((e) => e.id).sort(),
    notificationIds: notifications.body.notifications.map((n) => n.id).sort(),
    rows,
  };
}

describe("replay is safe", () => {
  it("rerunning a completed deployment completes and duplicates no row, email or Facebook object", async () => {
    const since = new Date(Date.now() - 1_000);
    const app = await signedInClient(inject("appUrl"), "replay");
    const { campaignId, organizationId } = await onboardToPendingPlan(app, devServer, since);
    await approvePlan(app, campaignId);
    const approved = await devServer.waitForEvent("campaign/plan.approved", { campaignId }, { since });
    const original = await runOf(devServer, approved, "aigency-deploy-campaign");
    const first = await devServer.waitForRunStatus(original.id, { statuses: ["COMPLETED"], timeoutMs: 90_000 });
    const before = await sideEffects(app, organizationId);
    expect(before.objectIds.length).toBeGreaterThanOrEqual(4); // campaign, ad set, image, creative, ad…
    expect(before.emailIds.length).toBeGreaterThanOrEqual(1);

    const rerunId = await devServer.rerun(original.id);
    expect(rerunId).not.toBe(original.id);
    const second = await devServer.waitForRunStatus(rerunId, { statuses: ["COMPLETED"], timeoutMs: 90_000 });
    expect(second.output).toEqual(first.output);

    expect(await sideEffects(app, organizationId)).toEqual(before);
    // Only the original deployment announced the campaign; the rerun's send reused the same event id.
    const deployed = (await devServer.listEvents("campaign/deployed", since)).filter((e) => e.data.campaignId === campaignId);
    expect(new Set(deployed.map((e) => JSON.stringify(e.data))).size).toBe(1);
  });
});
