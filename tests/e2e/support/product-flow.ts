import { expect } from "vitest";
import { simulatedAdAccountsFor } from "@/server/services/facebook/simulated";
import type { AppClient } from "./app-api";
import type { DevEvent, DevServer } from "./dev-server-api";

/** The simulated Facebook login offers each organization its own accounts; every e2e tenant picks the first. */
export const simAdAccountOf = (organizationId: string) => simulatedAdAccountsFor(organizationId)[0]!.id;

export const VALID_BRIEF = {
  businessDescription: "A neighbourhood bakery selling sourdough and pastries",
  product: "Weekend pastry box delivered before 9am",
  targetAudience: "Families within 5 km who like to brunch at home",
  goal: "SALES",
  monthlyBudgetCents: 50_000,
  location: "Lyon, France",
  uniqueSellingPoint: "Baked the same morning with organic flour",
  websiteUrl: "https://bakery.example.com",
} as const;

async function expectStatus<T>(res: Promise<{ status: number; body: T }>, status: number, what: string): Promise<T> {
  const { status: got, body } = await res;
  expect(got, `${what}: ${JSON.stringify(body)}`).toBe(status);
  return body;
}

/**
 * Drives onboarding the way a user does: project, one chat message, confirmed brief, Facebook login
 * (the simulated dialog redirects straight back) and ad-account choice. Returns once the plan exists.
 */
export async function onboardToPendingPlan(app: AppClient, devServer: DevServer, since: Date, brief: Partial<Record<keyof typeof VALID_BRIEF, string | number>> = {}) {
  const { project } = await expectStatus(app.request<{ project: { id: string; organizationId: string } }>("POST", "/api/projects", { name: "E2E bakery" }), 201, "create project");
  const message = await expectStatus(
    app.request<{ conversationId: string }>("POST", `/api/projects/${project.id}/conversation`, { content: "We are a bakery in Lyon." }),
    202,
    "send message",
  );
  await expectStatus(
    app.request("POST", `/api/projects/${project.id}/brief/confirm`, { conversationId: message.conversationId, brief: { ...VALID_BRIEF, ...brief } }),
    201,
    "confirm brief",
  );
  await connectFacebook(app, project.id, project.organizationId);
  const planned = await devServer.waitForEvent("campaign/plan.generated", { projectId: project.id }, { since, timeoutMs: 90_000 });
  return { projectId: project.id, organizationId: project.organizationId, conversationId: message.conversationId, campaignId: planned.data.campaignId as string, planned };
}

export async function connectFacebook(app: AppClient, projectId: string, organizationId: string): Promise<void> {
  // Starting is a POST that names the dialog; the simulated dialog is our own callback.
  const { dialogUrl } = await expectStatus(app.request<{ dialogUrl: string }>("POST", `/api/auth/facebook?projectId=${projectId}`, {}), 200, "start Facebook login");
  const dialog = new URL(dialogUrl, app.url);
  const back = await app.request("GET", dialog.pathname + dialog.search);
  expect(back.status, JSON.stringify(back.body)).toBe(303);
  await expectStatus(app.request("POST", "/api/auth/facebook/ad-account", { adAccountId: simAdAccountOf(organizationId) }), 200, "pick ad account");
}

export async function approvePlan(app: AppClient, campaignId: string) {
  return expectStatus(app.request("POST", `/api/campaigns/${campaignId}/approve`, { confirm: true }), 202, "approve plan");
}

/**
 * The run a given event started for one function (e.g. "aigency-deploy-campaign"). The engine starts
 * an event's runs one by one, so this waits for that function's run, not for the first of them.
 */
export async function runOf(devServer: DevServer, event: DevEvent, functionSlug: string, timeoutMs = 30_000) {
  let seen: string[] = [];
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const runs = await devServer.waitForRuns(event.id, { timeoutMs: Math.max(1_000, deadline - Date.now()) });
    const run = runs.find((r) => r.functionSlug === functionSlug);
    if (run) return run;
    seen = runs.map((r) => r.functionSlug);
    if (Date.now() > deadline) throw new Error(`event ${event.name} started no ${functionSlug} run (got ${seen.join(", ")})`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export interface SimulatedObject {
  id: string;
  kind: string;
  name: string;
  parentId: string | null;
  status: string | null;
}

export async function listSimulatedObjects(app: AppClient): Promise<SimulatedObject[]> {
  const res = await app.request<{ objects: SimulatedObject[] }>("GET", `/api/dev/simulated-ads/objects`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.objects;
}
