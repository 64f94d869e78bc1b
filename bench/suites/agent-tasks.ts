import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { BenchSuite } from "../lib/context";
import type { TaskTiming } from "../lib/agent-tasks-product";
import { median, round } from "../lib/stats";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const BIG = 500;
const SMALL = 10;

/** When the small organization sends its 10, relative to the big one's 500. */
type Arrival = "together" | "after-accepted" | "4s-in";
const FLOOD_HEAD_START_MS = 4_000;

/**
 * Fairness and throughput of the agent job queue (Inngest flow control: concurrency per organization
 * and globally, on the engine's key queues): 10 no-op tasks of a small organization alone (idle), then
 * 500 of a big one and 10 of the small one, three ways. smallOrgWaitRatio: the small organization's
 * median wait (submit → job RUNNING) over idle when both submit at the same moment, each from its own
 * client (aim: under 2). The other two bound it: the small one sending only once all 500 were accepted
 * (its events then queue behind the big one's at the engine's intake), and sending 4 s into the flood
 * (intake done, the big backlog still waiting its turn). tasksPerSecond: the simultaneous case's 510
 * tasks over first submit → last completion.
 */
export const agentTasksSuite: BenchSuite = {
  name: "agent-tasks",
  resultFile: "agent-tasks.json",
  functions: () => [],
  async measure(ctx) {
    const dataDir = await mkdtemp(path.join(tmpdir(), "agent-tasks-bench-"));
    // The product client and env() read these on first import, so set them before importing product code.
    process.env.INNGEST_DEV = ctx.devServer.url;
    process.env.DATA_DIR = dataDir;
    const { startAgentTasksProduct } = await import("../lib/agent-tasks-product");
    const product = await startAgentTasksProduct({ dataDir });
    const waits = (t: { submittedAt: number; startedAt: number }[]) => t.map((x) => x.startedAt - x.submittedAt);
    try {
      // Warm-up: the engine's and the function's first-request costs.
      await product.run(await product.prepare(product.small, 2));
      const idle = await product.run(await product.prepare(product.small, SMALL));
      const flood = async (arrival: Arrival) => {
        const bigJobs = await product.prepare(product.big, BIG);
        const smallJobs = await product.prepare(product.small, SMALL);
        const bigSent = product.send(bigJobs);
        if (arrival === "after-accepted") await bigSent;
        if (arrival === "4s-in") await sleep(FLOOD_HEAD_START_MS);
        const smallSent = await product.send(smallJobs);
        const [bigTimes, smallTimes] = await Promise.all([bigSent.then((sent) => product.finish(bigJobs, sent)), product.finish(smallJobs, smallSent)]);
        return { big: bigTimes, small: smallTimes };
      };
      const together = await flood("together");
      const afterAccepted = await flood("after-accepted");
      const fourSecondsIn = await flood("4s-in");
      const idleWait = median(waits(idle));
      const ratio = (small: TaskTiming[]) => round(median(waits(small)) / Math.max(idleWait, 1), 2);
      const all = [...together.big, ...together.small];
      const first = Math.min(...all.map((t) => t.submittedAt));
      const last = Math.max(...all.map((t) => t.completedAt));
      return {
        smallOrgWaitRatio: ratio(together.small),
        smallOrgWaitRatioAfterBacklogAccepted: ratio(afterAccepted.small),
        smallOrgWaitRatio4sIntoFlood: ratio(fourSecondsIn.small),
        tasksPerSecond: round(all.length / ((last - first) / 1000), 1),
        smallOrgMedianWaitMs: { idle: idleWait, together: median(waits(together.small)), afterBacklogAccepted: median(waits(afterAccepted.small)), fourSecondsIntoFlood: median(waits(fourSecondsIn.small)) },
        bigOrgMedianWaitMs: median(waits(together.big)),
        tasks: { big: BIG, small: SMALL },
        note: "The product's functions served from the bench process against the real Dev Server (in-memory PGlite): issue + PENDING job rows written directly and sent as agents/job.requested with the no-op agent (issue context.noopAgent, holdMs 0), so the figures are the queue's (flow control, the job function's steps), not a model's. Wait = submit (the send) → the job row's startedAt (RUNNING). Default AGENT_MAX_CONCURRENCY (5 per organization) and AGENT_GLOBAL_CONCURRENCY (20). Dev Server with key queues (DEV_SERVER_ENV). Arrivals of the small organization's 10: together = sent at the same moment as the big one's first batch, each from its own client (smallOrgWaitRatio); afterBacklogAccepted = only once all 500 were accepted; fourSecondsIntoFlood = 4 s after the flood began. The engine takes events in one at a time and schedules each run as it does (a few ms each): while it is still taking in the big one's 500 the small one's runs wait for intake, not for slots; once intake is done (4 s in) the per-organization key queues keep the small one near its idle wait.",
      };
    } finally {
      await product.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  },
};
