import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { messages, optimizationActions, usageLedger } from "@/server/db/schema";
import type { Deps } from "@/server/deps";
import { applyAction } from "@/server/optimization/apply";
import { APPLY_CLAIM_LEASE_MS, ApplyInProgressError } from "@/server/optimization/apply-claim";
import { saveAutonomyPolicy, DEFAULT_AUTONOMY_POLICY } from "@/server/optimization/policy";
import { GraphApiError } from "@/server/services/facebook/types";
import { createTestDb } from "../../support/db";
import { decision, depsWith, fakeLiveAccount, loadAction, record, refusingTransactions, seedAdSetRows, seedLiveCampaign, type LiveCampaign } from "./support";

let handle: Awaited<ReturnType<typeof createTestDb>>;
beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(async () => {
  await handle?.close();
});

const spendRows = (actionId: string) => handle.db.select().from(usageLedger).where(eq(usageLedger.dedupeKey, `optimization-action:${actionId}:ad-spend`));

const cards = (actionId: string) =>
  handle.db
    .select()
    .from(messages)
    .where(and(eq(messages.type, "AGENT_ACTION"), sql`${messages.metadata}->>'actionId' = ${actionId}`));

/** A budget shift of $10/day from ad set A ($50) to B ($50), autonomous (10% of the $100 total). */
async function shiftWorld(name: string) {
  const c: LiveCampaign = await seedLiveCampaign(handle.db, name);
  const [a, b] = [`as-a-${name}`, `as-b-${name}`];
  await seedAdSetRows(handle.db, c, "2026-11-30", { [a]: 5000, [b]: 5000 });
  const action = await record(
    handle.db,
    c,
    decision({
      rule: "budget-to-best-adset",
      kind: "SHIFT_BUDGET",
      objectType: "adset",
      objectId: b,
      objectIds: [a, b],
      before: { dailyBudgets: { [a]: 5000, [b]: 5000 } },
      after: { dailyBudgets: { [a]: 4000, [b]: 6000 } },
      moneyMovedCents: 1000,
    }),
  );
  const fb = fakeLiveAccount({ [a]: { status: "ACTIVE", dailyBudgetCents: 5000 }, [b]: { status: "ACTIVE", dailyBudgetCents: 5000 } });
  return { c, a, b, action, fb, deps: depsWith(handle.db, fb.platform) };
}

describe("applyAction", () => {
  it("writes Facebook once, cut before raise, and records APPLIED with before/after and a card; a rerun writes nothing", async () => {
    const { a, b, action, fb, deps } = await shiftWorld("happy");
    const first = await applyAction(deps, { organizationId: action.organizationId, actionId: action.id, runKey: "run-1" });
    expect(first.status).toBe("APPLIED");
    expect(fb.writes).toEqual([`${a}:budget=4000`, `${b}:budget=6000`]);
    const row = await loadAction(handle.db, action.id);
    expect(row).toMatchObject({
      status: "APPLIED",
      before: { dailyBudgets: { [a]: 5000, [b]: 5000 } },
      after: { dailyBudgets: { [a]: 4000, [b]: 6000 } },
    });
    expect(row.appliedAt).toBeInstanceOf(Date);
    expect(row.outcome).toMatch(/\$50 → \$40 a day.*\$50 → \$60 a day/);
    expect(await cards(action.id)).toHaveLength(1);

    const again = await applyAction(deps, { organizationId: action.organizationId, actionId: action.id, runKey: "run-1" });
    expect(again).toMatchObject({ status: "APPLIED", alreadyFinal: true });
    expect(fb.writes).toHaveLength(2);
    expect(await cards(action.id)).toHaveLength(1);
  });

  it("converges when Facebook took the write but recording APPLIED failed: the retry records it without writing again", async () => {
    const { action, fb, deps } = await shiftWorld("lost-record");
    // The database refuses the one transaction that records the outcome, once (a crash right after Facebook said yes).
    const flaky: Deps = { ...deps, db: refusingTransactions(deps.db) };
    await expect(applyAction(flaky, { organizationId: action.organizationId, actionId: action.id, runKey: "run-1" })).rejects.toThrow("connection lost");
    expect(fb.writes).toHaveLength(2);
    expect((await loadAction(handle.db, action.id)).status).toBe("APPLYING");

    const retry = await applyAction(flaky, { organizationId: action.organizationId, actionId: action.id, runKey: "run-1" });
    expect(retry.status).toBe("APPLIED");
    expect(fb.writes).toHaveLength(2);
    expect((await loadAction(handle.db, action.id)).outcome).toMatch(/already shows this change/);
  });

  it("bills a raise whose Facebook write landed but whose answer was lost exactly once, and never raises it twice", async () => {
    const c = await seedLiveCampaign(handle.db, "lost-answer");
    const adSet = "as-lost-answer";
    await seedAdSetRows(handle.db, c, "2026-11-30", { [adSet]: 5000, "as-other-lost-answer": 5000 });
    const action = await record(
      handle.db,
      c,
      decision({
        rule: "scale-winner",
        kind: "RAISE_BUDGET",
        objectType: "adset",
        objectId: adSet,
        objectIds: [adSet],
        before: { dailyBudgets: { [adSet]: 5000 } },
        after: { dailyBudgets: { [adSet]: 5500 } },
        moneyMovedCents: 500,
        budgetChangePercent: 10,
      }),
    );
    const fb = fakeLiveAccount({ [adSet]: { status: "ACTIVE", dailyBudgetCents: 5000 } });
    // Facebook applies the budget, then the connection drops before its answer arrives: to us it looks transient.
    let answersLost = 0;
    const platform = {
      ...fb.platform,
      updateDailyBudget: async (...args: Parameters<typeof fb.platform.updateDailyBudget>) => {
        await fb.platform.updateDailyBudget(...args);
        if (answersLost++ === 0) throw new GraphApiError("Graph API error 2: connection reset", { httpStatus: 503, code: 2, isTransient: true });
      },
    };
    const deps = depsWith(handle.db, platform);
    const ref = { organizationId: action.organizationId, actionId: action.id };
    await expect(applyAction(deps, { ...ref, runKey: "run-1" })).rejects.toThrow(/connection reset/);
    expect((await loadAction(handle.db, action.id)).status).toBe("APPLYING");
    expect(await spendRows(action.id)).toEqual([]);

    // The step's retry and then a rerun of the whole run (a new run key) after it finished.
    expect((await applyAction(deps, { ...ref, runKey: "run-1" })).status).toBe("APPLIED");
    expect(await applyAction(deps, { ...ref, runKey: "run-2" })).toMatchObject({ status: "APPLIED", alreadyFinal: true });
    expect(fb.writes).toEqual([`${adSet}:budget=5500`]);
    expect(fb.objects.get(adSet)!.dailyBudgetCents).toBe(5500);
    expect(await spendRows(action.id)).toMatchObject([{ kind: "AD_SPEND_DELTA", quantity: 5_000_000, runId: "run-1" }]);
  });

  it("finishes a half-done shift on retry: the ad set already at its new budget is skipped", async () => {
    const { a, b, action, fb, deps } = await shiftWorld("half");
    let calls = 0;
    const platform = {
      ...fb.platform,
      updateDailyBudget: async (...args: Parameters<typeof fb.platform.updateDailyBudget>) => {
        if (++calls === 2) throw new GraphApiError("Graph API error 2: temporarily unavailable", { httpStatus: 503, code: 2, isTransient: true });
        return fb.platform.updateDailyBudget(...args);
      },
    };
    const half = { ...deps, services: { ...deps.services, facebook: platform } };
    await expect(applyAction(half, { organizationId: action.organizationId, actionId: action.id, runKey: "run-1" })).rejects.toThrow(/temporarily/);
    expect(fb.writes).toEqual([`${a}:budget=4000`]);
    const retry = await applyAction(half, { organizationId: action.organizationId, actionId: action.id, runKey: "run-1" });
    expect(retry.status).toBe("APPLIED");
    expect(fb.writes).toEqual([`${a}:budget=4000`, `${b}:budget=6000`]);
  });

  it("lets one run at a time hold the action: two racing runs write Facebook once; a vanished run's claim is taken over after its lease", async () => {
    const { a, b, action, fb, deps } = await shiftWorld("racing");
    const settled = await Promise.allSettled(
      ["run-a", "run-b"].map((runKey) => applyAction(deps, { organizationId: action.organizationId, actionId: action.id, runKey })),
    );
    expect(fb.writes).toEqual([`${a}:budget=4000`, `${b}:budget=6000`]);
    expect((await loadAction(handle.db, action.id)).status).toBe("APPLIED");
    const statuses = settled.map((s) => (s.status === "fulfilled" ? s.value.status : (s.reason as Error).name));
    expect(statuses).toContain("APPLIED");

    const stuck = await shiftWorld("stuck");
    await handle.db
      .update(optimizationActions)
      .set({ status: "APPLYING", applyClaimedBy: "run-gone", applyClaimedAt: new Date() })
      .where(eq(optimizationActions.id, stuck.action.id));
    const ref = { organizationId: stuck.action.organizationId, actionId: stuck.action.id };
    await expect(applyAction(stuck.deps, { ...ref, runKey: "run-new" })).rejects.toThrow(ApplyInProgressError);
    expect(stuck.fb.writes).toEqual([]);
    await handle.db
      .update(optimizationActions)
      .set({ applyClaimedAt: new Date(Date.now() - APPLY_CLAIM_LEASE_MS - 1000) })
      .where(eq(optimizationActions.id, stuck.action.id));
    expect((await applyAction(stuck.deps, { ...ref, runKey: "run-new" })).status).toBe("APPLIED");
    expect(stuck.fb.writes).toHaveLength(2);
  });

  it("ends in CONFLICT and writes nothing when someone changed a budget in Ads Manager meanwhile", async () => {
    const { a, action, fb, deps } = await shiftWorld("conflict");
    fb.objects.get(a)!.dailyBudgetCents = 7500;
    const result = await applyAction(deps, { organizationId: action.organizationId, actionId: action.id, runKey: "run-1" });
    expect(result.status).toBe("CONFLICT");
    expect(fb.writes).toEqual([]);
    const row = await loadAction(handle.db, action.id);
    expect(row.status).toBe("CONFLICT");
    expect(row.outcome).toMatch(/changed the daily budget of ad set .* to \$75 \(it was \$50\); we left it alone/);
  });

  it("never turns back on an object a person paused", async () => {
    const c = await seedLiveCampaign(handle.db, "person");
    const [tired, fresh] = ["ad-tired-p", "ad-fresh-p"];
    const action = await record(
      handle.db,
      c,
      decision({
        rule: "creative-fatigue",
        kind: "ROTATE_CREATIVE",
        objectId: tired,
        objectIds: [tired, fresh],
        before: { statuses: { [tired]: "ACTIVE", [fresh]: "PAUSED" } },
        after: { statuses: { [tired]: "PAUSED", [fresh]: "ACTIVE" } },
      }),
    );
    const fb = fakeLiveAccount({ [tired]: { status: "ACTIVE" }, [fresh]: { status: "PAUSED" } });
    const pauseAd = await record(
      handle.db,
      c,
      decision({
        rule: "low-ctr-ad",
        kind: "PAUSE_AD",
        objectId: "ad-keep-p",
        objectIds: ["ad-keep-p", "as-keep-p"],
        before: { statuses: { "ad-keep-p": "ACTIVE", "as-keep-p": "ACTIVE" } },
        after: { statuses: { "ad-keep-p": "PAUSED", "as-keep-p": "ACTIVE" } },
      }),
    );
    // A person paused the ad set in Ads Manager after the proposal (which expected it ACTIVE and left ACTIVE).
    fb.objects.set("ad-keep-p", { status: "ACTIVE" });
    fb.objects.set("as-keep-p", { status: "PAUSED" });
    const deps = depsWith(handle.db, fb.platform);
    const paused = await applyAction(deps, { organizationId: c.organizationId, actionId: pauseAd.id, runKey: "run-1" });
    expect(paused.status).toBe("CONFLICT");
    expect((await loadAction(handle.db, pauseAd.id)).outcome).toMatch(/Someone paused .* we left it paused/);
    expect(fb.writes).toEqual([]);
    expect(fb.objects.get("as-keep-p")!.status).toBe("PAUSED");
    // The rotation itself still goes through: fatigued ad off first, then the fresh one on.
    expect((await applyAction(deps, { organizationId: c.organizationId, actionId: action.id, runKey: "run-1" })).status).toBe("APPLIED");
    expect(fb.writes).toEqual([`${tired}:status=PAUSED`, `${fresh}:status=ACTIVE`]);
  });

  it("refuses (BLOCKED) when the policy was tightened after the proposal, and writes nothing", async () => {
    const { c, action, fb, deps } = await shiftWorld("tightened");
    await saveAutonomyPolicy(handle.db, {
      organizationId: c.organizationId,
      userId: c.owner.userId,
      policy: { ...DEFAULT_AUTONOMY_POLICY, autonomousMaxPercent: 5 },
    });
    const result = await applyAction(deps, { organizationId: action.organizationId, actionId: action.id, runKey: "run-1" });
    expect(result.status).toBe("BLOCKED");
    expect(fb.writes).toEqual([]);
    expect((await loadAction(handle.db, action.id)).outcome).toMatch(/settings changed since it was proposed.*up to 5%/);
  });

  it("never applies an action still awaiting approval (the agent cannot approve)", async () => {
    const c = await seedLiveCampaign(handle.db, "awaiting");
    const action = await record(
      handle.db,
      c,
      decision({ rule: "unprofitable-campaign", kind: "PAUSE_CAMPAIGN", objectType: "campaign", objectId: "cmp-1", objectIds: ["cmp-1"], before: { statuses: { "cmp-1": "ACTIVE" } }, after: { statuses: { "cmp-1": "PAUSED" } }, disposition: "approval" }),
    );
    const fb = fakeLiveAccount({ "cmp-1": { status: "ACTIVE" } });
    const result = await applyAction(depsWith(handle.db, fb.platform), { organizationId: c.organizationId, actionId: action.id, runKey: "run-1" });
    expect(result).toEqual({ status: "SKIPPED", reason: "status is AWAITING_APPROVAL" });
    expect(fb.writes).toEqual([]);
    expect(fb.reads).toEqual([]);
    expect((await loadAction(handle.db, action.id)).status).toBe("AWAITING_APPROVAL");
  });
});
