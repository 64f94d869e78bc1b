import { InngestTestEngine } from "@inngest/test";
import { describe, expect, it } from "vitest";
import { deployCampaign } from "@/inngest/functions/campaign/deploy-campaign";
import { markDeployFailed } from "@/server/campaigns/deploy/outcome";
import {
  approvedScenario,
  expectDeployedOnce,
  expectNothingLive,
  recordOf,
  runUntilDone,
  setUpReconcileWorld,
  WRITE_OPS,
  inject,
  type Backend,
  type FaultPoint,
} from "./reconcile-support";
import { testCtx } from "./support";

/**
 * Item 1's matrix: every external write of deploy and cleanup × every fault point, on the simulated
 * account and on the real Graph client against the msw Graph mock. After retries exactly one object
 * of each kind exists, our record names exactly those, and the live daily budget is the approved one.
 */

const POINTS: FaultPoint[] = ["before", "lost-response", "db-write"];

const world = setUpReconcileWorld();

const cells = (["simulated", "graph"] as const).flatMap((backend) =>
  WRITE_OPS.flatMap((op) => POINTS.map((point) => ({ backend, op, point }))),
);

describe("deploy: every write × every fault point", () => {
  for (const { backend, op, point } of cells) it(`${backend}: ${op} fails at ${point} → one of each, approved budget`, async () => {
    const s = await approvedScenario(world.db, world.backends[backend], `Dep ${backend} ${op} ${point}`);
    // A failure before the request hits the retry too; a lost answer or db write is found and adopted on the first retry.
    const times = point === "before" ? 2 : 1;
    await inject(s, op, point, times);
    const { result, attempts } = await runUntilDone(s, "deploy");
    expect(result).toMatchObject({ deployed: true });
    expect(attempts).toBe(times + 1);
    await expectDeployedOnce(s);
  });
});

/**
 * A deployment that stopped after a lost answer, recorded as failed the way the function's failure
 * path records it: the object whose answer was lost exists on Facebook, its id nowhere in our row.
 */
async function failedAfterLostAnswer(backend: Backend, lostOp: "createCampaign" | "createAdSet", name: string) {
  const s = await approvedScenario(world.db, backend, name);
  await backend.inject(lostOp, "lost-response", 1);
  s.useDeps();
  const { error } = await new InngestTestEngine({ function: deployCampaign, events: [s.deployEvent as never], transformCtx: testCtx().transformCtx }).execute();
  expect(error).toBeDefined();
  const row = await recordOf(s.db, s.campaignId);
  await markDeployFailed(s.db, { organizationId: row.organizationId, campaignId: s.campaignId, failedStep: "create", message: "lost" });
  const live = await backend.live(s.markerPrefix);
  expect(live.campaign).toHaveLength(1);
  expect(lostOp === "createCampaign" ? row.fbCampaignId : Object.keys(row.fbAdSetIds).length || null).toBeNull();
  return s;
}

const cleanupCells = (["simulated", "graph"] as const).flatMap((backend) =>
  (["createCampaign", "createAdSet"] as const).flatMap((lostOp) => POINTS.map((point) => ({ backend, lostOp, point }))),
);

describe("cleanup: its delete × every fault point, after a deploy lost an id", () => {
  for (const { backend, lostOp, point } of cleanupCells) it(`${backend}: answer of ${lostOp} lost, delete fails at ${point} → nothing of ours left live`, async () => {
    const s = await failedAfterLostAnswer(world.backends[backend], lostOp, `Cln ${backend} ${lostOp} ${point}`);
    const times = point === "before" ? 2 : 1;
    await inject(s, "updateStatus", point, times);
    const { result, attempts } = await runUntilDone(s, "cleanup");
    expect(result).toMatchObject({ cleaned: true });
    expect(attempts).toBe(times + 1);
    await expectNothingLive(s);
  });
});

describe("deploy: two runs racing on one campaign", () => {
  for (const backend of ["simulated", "graph"] as const) {
    it(`${backend}: both runs finish and exactly one of each object is live`, async () => {
      const s = await approvedScenario(world.db, world.backends[backend], `Race ${backend}`);
      const [a, b] = await Promise.all([runUntilDone(s, "deploy"), runUntilDone(s, "deploy")]);
      expect([a.result, b.result]).toMatchObject([{ deployed: true }, { deployed: true }]);
      await expectDeployedOnce(s, { unusedCreatives: true });
    });
  }
});
