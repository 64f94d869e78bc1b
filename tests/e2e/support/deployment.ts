import { expect } from "vitest";
import { signedInClient, type AppClient } from "./app-api";
import { countTenantRows } from "./db-reader";
import type { DevServer } from "./dev-server-api";
import { approvePlan, listSimulatedObjects, onboardToPendingPlan, runOf } from "./product-flow";

/**
 * A new user's campaign deployed to completion, for the replay tests: onboarding, the plan approved,
 * and the deploy run it started waited for until COMPLETED. `sideEffects()` and `announcements()`
 * read what the deployment wrote, to compare before and after a rerun.
 */
export async function deployToCompletion(opts: { appUrl: string; devServer: DevServer; databaseUrl: string | undefined; user: string }) {
  const { devServer } = opts;
  const since = new Date(Date.now() - 1_000);
  const month = since.toISOString().slice(0, 7);
  const app = await signedInClient(opts.appUrl, opts.user);
  const { campaignId, organizationId } = await onboardToPendingPlan(app, devServer, since);
  await approvePlan(app, campaignId);
  const approved = await devServer.waitForEvent("campaign/plan.approved", { campaignId }, { since });
  const run = await runOf(devServer, approved, "aigency-deploy-campaign");
  const completed = await devServer.waitForRunStatus(run.id, { statuses: ["COMPLETED"], timeoutMs: 90_000 });
  return {
    run,
    completed,
    sideEffects: () => deploymentSideEffects(app, organizationId, opts.databaseUrl, month),
    announcements: () => deployedAnnouncements(devServer, campaignId, since),
  };
}

/**
 * Everything a deployment writes: Facebook objects, emails, notifications, the cost ledger's month
 * and, on Postgres, the tenant's row counts (an embedded PGlite belongs to the app process).
 * Equal before and after a rerun means the rerun duplicated nothing.
 */
async function deploymentSideEffects(app: AppClient, organizationId: string, databaseUrl: string | undefined, month: string) {
  const objects = await listSimulatedObjects(app);
  const rows = databaseUrl ? await countTenantRows(databaseUrl, organizationId) : null;
  const mailbox = await app.request<{ emails: { id: string }[] }>("GET", "/api/dev/mailbox");
  expect(mailbox.status, JSON.stringify(mailbox.body)).toBe(200);
  const notifications = await app.request<{ notifications: { id: string }[] }>("GET", "/api/notifications");
  expect(notifications.status, JSON.stringify(notifications.body)).toBe(200);
  const usage = await app.request("GET", `/api/usage?month=${month}`);
  expect(usage.status, JSON.stringify(usage.body)).toBe(200);
  return {
    objectIds: objects.map((o) => o.id).sort(),
    emailIds: mailbox.body.emails.map((e) => e.id).sort(),
    notificationIds: notifications.body.notifications.map((n) => n.id).sort(),
    usage: usage.body,
    rows,
  };
}

/** Distinct `campaign/deployed` payloads for one campaign: 1 when only the original run announced it. */
async function deployedAnnouncements(devServer: DevServer, campaignId: string, since: Date): Promise<number> {
  const deployed = (await devServer.listEvents("campaign/deployed", since)).filter((e) => e.data.campaignId === campaignId);
  return new Set(deployed.map((e) => JSON.stringify(e.data))).size;
}
