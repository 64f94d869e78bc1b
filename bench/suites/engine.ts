import type { Inngest } from "inngest";
import type { BenchContext, BenchSuite } from "../lib/context";
import { median, round, summarize } from "../lib/stats";

const STEPS = 20;
const BRANCHES = 8;
const BRANCH_MS = 500;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function engineFunctions(client: Inngest.Any) {
  // Checkpointing is left at the SDK default (on, blocking after every step): the figure the issue asks for.
  const steps = client.createFunction({ id: "bench-steps-20", retries: 0, triggers: [{ event: "bench/steps.requested" }] }, async ({ step }) => {
    let first = 0;
    for (let i = 0; i < STEPS; i++) {
      const at = await step.run(`noop-${i}`, () => Date.now());
      if (i === 0) first = at;
    }
    return { first };
  });
  const fanout = client.createFunction({ id: "bench-fanout-8", retries: 0, triggers: [{ event: "bench/fanout.requested" }] }, async ({ step }) => {
    // Each branch stands in for a sandbox call: 500 ms of waiting on something else.
    const spans = await Promise.all(
      Array.from({ length: BRANCHES }, (_, i) =>
        step.run(`branch-${i}`, async () => {
          const start = Date.now();
          await sleep(BRANCH_MS);
          return { start, end: Date.now() };
        }),
      ),
    );
    const firstStart = Math.min(...spans.map((s) => s.start));
    return { firstStart, lastEnd: Math.max(...spans.map((s) => s.end)), startOffsets: spans.map((s) => s.start - firstStart) };
  });
  const start = client.createFunction({ id: "bench-run-start", retries: 0, triggers: [{ event: "bench/start.requested" }] }, async ({ step }) => {
    const startedAt = await step.run("record-start", () => Date.now());
    return { startedAt };
  });
  return [steps, fanout, start];
}

/** Sends one event and waits for its run to complete; returns the output and the server's timestamps. */
async function runOnce<T>(ctx: BenchContext, name: string) {
  const sentAt = Date.now();
  const { ids } = await ctx.client.send({ name, data: { sentAt } });
  const [first] = await ctx.devServer.waitForRuns(ids[0]!, { timeoutMs: 30_000 });
  const run = await ctx.devServer.waitForRunStatus(first!.id, { statuses: ["COMPLETED"], timeoutMs: 60_000 });
  return {
    sentAt,
    output: run.output as T,
    queuedAt: Date.parse(run.queuedAt!),
    startedAt: Date.parse(run.startedAt!),
    endedAt: Date.parse(run.endedAt!),
  };
}

async function repeat<T>(times: number, warmup: number, fn: () => Promise<T>): Promise<T[]> {
  const samples: T[] = [];
  for (let i = 0; i < warmup + times; i++) {
    const sample = await fn();
    if (i >= warmup) samples.push(sample);
  }
  return samples;
}

async function measureEngine(ctx: BenchContext) {
  // Per step: from the first step's body starting to the server marking the run ended, over 20 steps.
  const stepRuns = await repeat(10, 2, () => runOnce<{ first: number }>(ctx, "bench/steps.requested"));
  const perStep = stepRuns.map((r) => (r.endedAt - r.output.first) / STEPS);

  // Fan-out: the run's wall time as the server saw it, against one 500 ms branch.
  const fanRuns = await repeat(5, 1, () => runOnce<{ firstStart: number; lastEnd: number; startOffsets: number[] }>(ctx, "bench/fanout.requested"));
  const fanWall = fanRuns.map((r) => r.endedAt - r.startedAt);
  const branchSpan = fanRuns.map((r) => r.output.lastEnd - r.output.firstStart);
  const lastBranchStartOffset = fanRuns.map((r) => Math.max(...r.output.startOffsets));

  // Run start: `inngest.send` called → first step body starts.
  const startRuns = await repeat(20, 2, () => runOnce<{ startedAt: number }>(ctx, "bench/start.requested"));
  const runStart = startRuns.map((r) => r.output.startedAt - r.sentAt);
  // Where the run-start time goes: event accepted → run queued → run started → step body entered.
  const sendToQueued = startRuns.map((r) => r.queuedAt - r.sentAt);
  const queuedToStarted = startRuns.map((r) => r.startedAt - r.queuedAt);
  const startedToStep = startRuns.map((r) => r.output.startedAt - r.startedAt);

  return {
    perStepMedianMs: round(median(perStep)),
    fanoutRatio: round(median(fanWall) / BRANCH_MS, 2),
    runStartMedianMs: round(median(runStart)),
    details: {
      perStepMs: summarize(perStep),
      perStepBetweenStepBodiesNote: "per step = (run endedAt − first step body start) ÷ 20, 10 runs after 2 warm-ups",
      fanoutWallMs: summarize(fanWall),
      fanoutBranchSpanMs: summarize(branchSpan),
      fanoutLastBranchStartOffsetMs: summarize(lastBranchStartOffset),
      runStartMs: summarize(runStart),
      runStartBreakdownMs: {
        sendToQueued: summarize(sendToQueued),
        queuedToStarted: summarize(queuedToStarted),
        startedToFirstStepBody: summarize(startedToStep),
      },
      devServerFlags: "--no-discovery --no-poll --tick 10",
      checkpointing: "SDK default (on)",
    },
  };
}

export const engineSuite: BenchSuite = {
  name: "engine",
  resultFile: "engine.json",
  functions: engineFunctions,
  measure: measureEngine,
};
