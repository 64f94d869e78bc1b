import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { inngest } from "@/inngest/client";
import { changeBudgetTool } from "@/server/agent/tools/money/change-budget";
import { resumeCampaignTool } from "@/server/agent/tools/money/resume-campaign";
import { campaignRecords } from "@/server/db/schema";
import type { Deps } from "@/server/deps";
import { setDeps } from "@/server/deps";
import { applyAction } from "@/server/optimization/apply";
import type { AdPlatform } from "@/server/services/facebook/types";
import { createTestDb } from "../../support/db";
import { approveAs, seedSimCampaign, toolCtx, type SimCampaign } from "../agent/money-support";
import { embeddedDeps } from "../campaigns/support";
import { loadAction, refusingTransactions } from "./support";

let handle: Awaited<ReturnType<typeof createTestDb>>;
beforeAll(async () => {
  handle = await createTestDb();
  setDeps(embeddedDeps(handle.db));
});
afterEach(() => vi.restoreAllMocks());
afterAll(async () => {
  setDeps();
  await handle?.close();
});

/**
 * Deps whose database refuses the one transaction that records the outcome, once (a crash right after
 * Facebook said yes), and whose ad platform counts every write it passes on.
 */
function flakyAfterWrite(c: SimCampaign) {
  const writes: string[] = [];
  const facebook = c.deps.services.facebook;
  const counted: AdPlatform = {
    ...facebook,
    updateStatus: async (ctx, id, status) => {
      writes.push(`${id}:${status}`);
      return facebook.updateStatus(ctx, id, status);
    },
    updateDailyBudget: async (ctx, id, cents) => {
      writes.push(`${id}:budget=${cents}`);
      return facebook.updateDailyBudget(ctx, id, cents);
    },
  };
  const deps: Deps = { ...c.deps, db: refusingTransactions(c.deps.db), services: { ...c.deps.services, facebook: counted } };
  return { deps, writes };
}

async function approved(c: SimCampaign, events: { data: Record<string, unknown> }[] | undefined) {
  const actionId = events?.[0]?.data.actionId as string;
  vi.spyOn(inngest, "send").mockResolvedValue({ ids: ["e"] });
  expect((await approveAs(c.owner.cookie, actionId)).status).toBe(202);
  return actionId;
}

describe("an owner's request whose Facebook write succeeded but whose record was lost", () => {
  it("CHANGE_BUDGET: the retry records APPLIED without writing the budgets again", async () => {
    const c = await seedSimCampaign(handle.db, "lost-budget", [4000, 2000]);
    const actionId = await approved(c, (await changeBudgetTool.run(toolCtx(c), { dailyBudget: 90 })).events);
    const { deps, writes } = flakyAfterWrite(c);
    const [a, b] = c.adSetIds as [string, string];

    await expect(applyAction(deps, { organizationId: c.organizationId, actionId, runKey: "run-1" })).rejects.toThrow("connection lost");
    expect(writes.sort()).toEqual([`${a}:budget=6000`, `${b}:budget=3000`].sort());
    expect((await loadAction(handle.db, actionId)).status).toBe("APPLYING");

    const retry = await applyAction(deps, { organizationId: c.organizationId, actionId, runKey: "run-1" });
    expect(retry.status).toBe("APPLIED");
    expect(writes).toHaveLength(2);
    expect((await c.deps.services.facebook.readObjects(c.fb, [a, b])).map((o) => o.dailyBudgetCents)).toEqual([6000, 3000]);
    expect(await loadAction(handle.db, actionId)).toMatchObject({ status: "APPLIED", after: { dailyBudgets: { [a]: 6000, [b]: 3000 } } });
  });

  it("RESUME_CAMPAIGN: the retry records APPLIED (and the campaign ACTIVE again) without turning it on twice", async () => {
    const c = await seedSimCampaign(handle.db, "lost-resume");
    // Paused by the agency earlier (an applied pause leaves both sides so).
    await c.deps.services.facebook.updateStatus(c.fb, c.fbCampaignId, "PAUSED");
    await handle.db.update(campaignRecords).set({ status: "PAUSED" }).where(eq(campaignRecords.id, c.campaignId));
    const actionId = await approved(c, (await resumeCampaignTool.run(toolCtx(c), {})).events);
    const { deps, writes } = flakyAfterWrite(c);

    await expect(applyAction(deps, { organizationId: c.organizationId, actionId, runKey: "run-1" })).rejects.toThrow("connection lost");
    expect(writes).toEqual([`${c.fbCampaignId}:ACTIVE`]);

    const retry = await applyAction(deps, { organizationId: c.organizationId, actionId, runKey: "run-1" });
    expect(retry.status).toBe("APPLIED");
    expect(writes).toHaveLength(1);
    expect(await c.deps.services.facebook.readObjects(c.fb, [c.fbCampaignId])).toEqual([expect.objectContaining({ status: "ACTIVE" })]);
    expect((await loadAction(handle.db, actionId)).outcome).toMatch(/already shows this change/);
    const [record] = await handle.db.select().from(campaignRecords).where(eq(campaignRecords.id, c.campaignId));
    expect(record!.status).toBe("ACTIVE");
  });
});
