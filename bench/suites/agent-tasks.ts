import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { BenchSuite } from "../lib/context";
import { median, round } from "../lib/stats";

const BIG = 500;
const SMALL = 10;

/**
 * Fairness and throughput of the agent job queue (Inngest flow control: concurrency per organization
 * and globally): 10 no-op tasks of a small organization alone (idle), then 500 of a big one and 10 of
 * the small one submitted together. smallOrgWaitRatio: the small organization's median wait
 * (submit → job RUNNING) loaded over idle (aim: under 2). tasksPerSecond: the 510 tasks over the
 * time from the first submit to the last completion.
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
      const bigJobs = await product.prepare(product.big, BIG);
      const smallJobs = await product.prepare(product.small, SMALL);
      // The big organization's backlog first, then the small one's: the small one must not wait behind it.
      const loaded = await product.run([...bigJobs, ...smallJobs]);
      const idleWait = median(waits(idle));
      const loadedSmall = loaded.filter((t) => t.organizationId === product.small);
      const smallWait = median(waits(loadedSmall));
      const first = Math.min(...loaded.map((t) => t.submittedAt));
      const last = Math.max(...loaded.map((t) => t.completedAt));
      return {
        smallOrgWaitRatio: round(smallWait / Math.max(idleWait, 1), 2),
        tasksPerSecond: round(loaded.length / ((last - first) / 1000), 1),
        smallOrgMedianWaitMs: { idle: idleWait, loaded: smallWait },
        bigOrgMedianWaitMs: median(waits(loaded.filter((t) => t.organizationId === product.big))),
        tasks: { big: BIG, small: SMALL },
        note: "The product's functions served from the bench process against the real Dev Server (in-memory PGlite): issue + PENDING job rows written directly and sent as agents/job.requested with the no-op agent (issue context.noopAgent, holdMs 0), so the figures are the queue's (flow control, the job function's steps), not a model's. Wait = submit (the send) → the job row's startedAt (RUNNING). Default AGENT_MAX_CONCURRENCY (5 per organization) and AGENT_GLOBAL_CONCURRENCY (20). Dev Server with key queues (DEV_SERVER_ENV).",
      };
    } finally {
      await product.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  },
};
