import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { optimizationActions } from "@/server/db/schema";
import { applyAction } from "@/server/optimization/apply";
import { recordDecisions } from "@/server/optimization/ledger";
import { accountNow } from "@/server/performance/account-clock";
import { SIMULATED_TOKEN_PREFIX } from "@/server/services/facebook/simulated";
import { advanceSimulatedClocks } from "@/server/services/facebook/simulated-clock";
import { createTestDb } from "../../support/db";
import { embeddedDeps } from "../campaigns/support";
import { decision, loadAction, seedLiveCampaign } from "./support";

let handle: Awaited<ReturnType<typeof createTestDb>>;
beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(async () => {
  await handle?.close();
});

const SIM_ACCOUNT = "act_100000000000007";

/** A campaign with one ad set ($40/day) on the simulated account, and a +50% raise approved by the owner. */
async function simulatedRaise(name: string) {
  const deps = embeddedDeps(handle.db);
  const ctx = { accessToken: `${SIMULATED_TOKEN_PREFIX}t`, adAccountId: SIM_ACCOUNT };
  const fb = deps.services.facebook;
  const campaign = await fb.createCampaign(ctx, { name: `c-${name}`, objective: "OUTCOME_LEADS", status: "ACTIVE", specialAdCategories: [] });
  const adSet = await fb.createAdSet(ctx, {
    name: `s-${name}`,
    campaignId: campaign.id,
    dailyBudgetCents: 4000,
    billingEvent: "IMPRESSIONS",
    optimizationGoal: "LEAD_GENERATION",
    targeting: { geo_locations: { countries: ["US"] } },
    status: "ACTIVE",
  });
  const c = await seedLiveCampaign(handle.db, name, { adAccountId: SIM_ACCOUNT, fbCampaignId: campaign.id, simulated: true });
  const now = await accountNow(deps, SIM_ACCOUNT);
  const [action] = await recordDecisions(handle.db, {
    organizationId: c.organizationId,
    projectId: c.projectId,
    campaignId: c.campaignId,
    adAccountId: SIM_ACCOUNT,
    currency: "USD",
    now,
    approvalTimeoutMs: 3_600_000,
    decisions: [
      decision({
        rule: "scale-winner",
        kind: "RAISE_BUDGET",
        objectType: "campaign",
        objectId: campaign.id,
        objectIds: [adSet.id],
        before: { dailyBudgets: { [adSet.id]: 4000 } },
        after: { dailyBudgets: { [adSet.id]: 6000 } },
        moneyMovedCents: 2000,
        budgetChangePercent: 50,
        disposition: "approval",
      }),
    ],
  });
  await handle.db
    .update(optimizationActions)
    .set({ status: "APPROVED", decidedBy: c.owner.userId, decidedAt: now })
    .where(eq(optimizationActions.id, action!.id));
  return { c, deps, ctx, adSetId: adSet.id, action: action! };
}

describe("applying on the simulated ad account", () => {
  it("raises the budget once, stamped on the account's (advanced) clock; a rerun changes nothing", async () => {
    const { deps, ctx, adSetId, action } = await simulatedRaise("sim-ok");
    await advanceSimulatedClocks(handle.db, [SIM_ACCOUNT], 10);
    expect((await applyAction(deps, { organizationId: action.organizationId, actionId: action.id, runKey: "run-1" })).status).toBe("APPLIED");
    expect(await deps.services.facebook.readObjects(ctx, [adSetId])).toEqual([{ id: adSetId, status: "ACTIVE", dailyBudgetCents: 6000 }]);
    const row = await loadAction(handle.db, action.id);
    // Ten simulated days ahead of the wall clock: cooldowns and caps read the same clock.
    expect(row.appliedAt!.getTime()).toBeGreaterThan(Date.now() + 9 * 86_400_000);
    const again = await applyAction(deps, { organizationId: action.organizationId, actionId: action.id, runKey: "run-1" });
    expect(again).toMatchObject({ status: "APPLIED", alreadyFinal: true });
    expect((await deps.services.facebook.readObjects(ctx, [adSetId]))[0]!.dailyBudgetCents).toBe(6000);
  });

  it("ends in CONFLICT when the budget was changed as if in Ads Manager, leaving that budget alone", async () => {
    const { deps, ctx, adSetId, action } = await simulatedRaise("sim-conflict");
    await deps.services.facebook.updateDailyBudget(ctx, adSetId, 5500);
    expect((await applyAction(deps, { organizationId: action.organizationId, actionId: action.id, runKey: "run-1" })).status).toBe("CONFLICT");
    expect((await deps.services.facebook.readObjects(ctx, [adSetId]))[0]!.dailyBudgetCents).toBe(5500);
    expect((await loadAction(handle.db, action.id)).outcome).toMatch(/to \$55 \(it was \$40\); we left it alone/);
  });
});
