import { InngestTestEngine } from "@inngest/test";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { deployCampaign } from "@/inngest/functions/campaign/deploy-campaign";
import { markDeployFailed } from "@/server/campaigns/deploy/outcome";
import {
  approvedScenario,
  expectDeployedOnce,
  expectNothingLive,
  inject,
  recordOf,
  runUntilDone,
  setUpReconcileWorld,
  WRITE_OPS,
  type Backend,
  type FaultOp,
  type FaultPoint,
} from "./reconcile-support";
import { testCtx } from "./support";

/**
 * Generated sequences of faults (any write or lookup, any fault point, repeated) against deploy, and
 * against a deploy abandoned part-way then cleaned up: the invariant holds after every sequence.
 * RECONCILE_SEED / RECONCILE_RUNS replay or widen a run; a failure prints its seed and sequence.
 */

const SEED = Number(process.env.RECONCILE_SEED ?? 20261130);
const RUNS = Number(process.env.RECONCILE_RUNS ?? 24);

const world = setUpReconcileWorld();

const fault = fc.record({
  op: fc.constantFrom<FaultOp>(...WRITE_OPS, "findMarkedObjects"),
  point: fc.constantFrom<FaultPoint>("before", "lost-response", "db-write"),
  times: fc.integer({ min: 1, max: 3 }),
});
const sequence = fc.record({
  backend: fc.constantFrom<Backend["name"]>("simulated", "graph"),
  deployFaults: fc.array(fault, { minLength: 1, maxLength: 5 }),
  // Set: the deploy is abandoned after this many runs (retries exhausted) and then cleaned up.
  abandonAfter: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
  cleanupFaults: fc.array(fault.filter((f) => f.op === "updateStatus" || f.op === "findMarkedObjects"), { maxLength: 3 }),
});

let n = 0;

describe("reconcile property", () => {
  it(`keeps one object of each kind and the approved budget under ${RUNS} generated fault sequences (seed ${SEED})`, async () => {
    await fc.assert(
      fc.asyncProperty(sequence, async (seq) => {
        const backend = world.backends[seq.backend];
        const s = await approvedScenario(world.db, backend, `Prop ${++n}`);
        try {
          for (const f of seq.deployFaults) await inject(s, f.op, f.point, f.times);
          if (seq.abandonAfter === undefined) {
            await runUntilDone(s, "deploy");
            await expectDeployedOnce(s);
            return;
          }
          for (let i = 0; i < seq.abandonAfter; i++) {
            s.useDeps();
            const { error } = await new InngestTestEngine({ function: deployCampaign, events: [s.deployEvent as never], transformCtx: testCtx().transformCtx }).execute();
            if (!error) break;
          }
          if ((await recordOf(s.db, s.campaignId)).status === "ACTIVE") {
            await expectDeployedOnce(s);
            return;
          }
          await backend.clearFaults();
          await markDeployFailed(s.db, { organizationId: (await recordOf(s.db, s.campaignId)).organizationId, campaignId: s.campaignId, failedStep: "abandoned", message: "retries exhausted" });
          for (const f of seq.cleanupFaults) await inject(s, f.op, f.point, f.times);
          await runUntilDone(s, "cleanup");
          await expectNothingLive(s);
        } finally {
          await backend.clearFaults();
        }
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    expect(n).toBe(RUNS);
  }, 900_000);
});
