import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { BenchContext, BenchSuite } from "../lib/context";
import type { LoopSample } from "../lib/core-loop-drive";
import { CallLog, type ExternalCall } from "../lib/core-loop-fakes";
import { DevServer } from "../../tests/e2e/support/dev-server-api";
import { countOutgoingEngineCalls, TrafficLog, type Exchange } from "../lib/core-loop-traffic";
import { median, round, summarize } from "../lib/stats";

const ZERO_LOOPS = 5;
const LATENCY_MS = 200;
const LATENCY_LOOPS = 3;

const countBy = <T>(items: T[], key: (t: T) => string) =>
  items.reduce<Record<string, number>>((acc, item) => ({ ...acc, [key(item)]: (acc[key(item)] ?? 0) + 1 }), {});
const callName = (c: ExternalCall) => `${c.service}.${c.method}`;
const byWhat = (e: Exchange) => e.what;

/**
 * Where one loop's time goes, in segments that add up to the total (plus the approval wait):
 * engine run starts (event sent → the Dev Server's first request to the handler) versus the
 * function bodies (steps, external calls, checkpoints) versus the final event's ingestion.
 */
function timeline(s: LoopSample) {
  const firstRequest = (fnId: string) => s.incoming.find((e) => e.what === fnId)?.startedAt ?? NaN;
  const deployCalls = s.criticalCalls.filter((c) => c.fnId === "aigency-deploy-campaign");
  const lastCallEnd = Math.max(...deployCalls.map((c) => c.endedAt));
  const generateStart = firstRequest("aigency-generate-campaign-plan");
  const deployStart = firstRequest("aigency-deploy-campaign");
  const { generate, deploy } = s.engine;
  return {
    briefSentToGenerateRequest: generateStart - s.sentAt,
    // The same run start cut at the engine's own timestamps: ingestion, queueing, then the call to the app.
    briefSentToEventReceived: generate.eventReceivedAt - s.sentAt,
    briefReceivedToRunQueued: generate.queuedAt - generate.eventReceivedAt,
    generateQueuedToStarted: generate.startedAt - generate.queuedAt,
    generateStartedToRequest: generateStart - generate.startedAt,
    generateRequestToPending: s.pendingAt - generateStart,
    approvalClickToEventSent: s.approvalSentAt - s.clickAt,
    approvalSentToDeployRequest: deployStart - s.approvalSentAt,
    approvalReceivedToRunQueued: deploy.queuedAt - deploy.eventReceivedAt,
    deployQueuedToStarted: deploy.startedAt - deploy.queuedAt,
    deployStartedToRequest: deployStart - deploy.startedAt,
    deployRequestToLastExternalCall: lastCallEnd - deployStart,
    lastExternalCallToDeployedReceived: s.deployedAt - lastCallEnd,
  };
}

function summarizeTimeline(samples: LoopSample[]) {
  const lines = samples.map(timeline);
  const keys = Object.keys(lines[0]!) as (keyof ReturnType<typeof timeline>)[];
  return Object.fromEntries(keys.map((k) => [k, round(median(lines.map((l) => l[k])))]));
}

function medianSums(groups: Exchange[][]) {
  const sums = groups.map((g) => g.reduce<Record<string, number>>((acc, e) => ({ ...acc, [e.what]: (acc[e.what] ?? 0) + (e.endedAt ?? e.startedAt) - e.startedAt }), {}));
  const keys = [...new Set(sums.flatMap((s) => Object.keys(s)))];
  return Object.fromEntries(keys.map((k) => [k, round(median(sums.map((s) => s[k] ?? 0)))]));
}

/** What one group of loops looked like; every figure is a median over the loops unless a summary. */
function describeLoops(samples: LoopSample[]) {
  const first = samples[0]!;
  return {
    timelineMedianMs: summarizeTimeline(samples),
    loops: samples.length,
    totalMinusApprovalWaitMs: summarize(samples.map((s) => s.totalMs)),
    briefToPendingMs: summarize(samples.map((s) => s.pendingAt - s.sentAt)),
    approvalWaitMs: summarize(samples.map((s) => s.approvalWaitMs)),
    clickToApprovalSentMs: summarize(samples.map((s) => s.approvalSentAt - s.clickAt)),
    clickToDeployedMs: summarize(samples.map((s) => s.deployedAt - s.clickAt)),
    criticalPathCalls: first.criticalCalls.length,
    criticalPathCallsByMethod: countBy(first.criticalCalls, callName),
    criticalPathCallTimeMs: summarize(samples.map((s) => s.criticalCalls.reduce((n, c) => n + c.endedAt - c.startedAt, 0))),
    offPathCallsByFunction: countBy(first.offPathCalls, (c) => `${c.fnId}: ${callName(c)}`),
    engineRoundTrips: summarize(samples.map((s) => s.incoming.length)),
    engineRoundTripsUntilDeployed: summarize(samples.map((s) => s.incomingUntilDeployed.length)),
    engineRoundTripsByFunction: countBy(first.incoming, byWhat),
    sdkToEngineCalls: summarize(samples.map((s) => s.outgoing.length)),
    sdkToEngineCallsByPath: countBy(first.outgoing, byWhat),
    // Awaited time per kind of SDK → engine call, summed over one loop (median loop): shows what the bodies wait on.
    sdkToEngineMsByPath: medianSums(samples.map((s) => s.outgoing)),
  };
}

/**
 * Runs the core loop against the engine at `engineUrl`. The product client reads its mode (INNGEST_DEV, or
 * INNGEST_BASE_URL and the keys in cloud mode) on first import: the caller sets those before calling, once
 * per process (bench/lib/critical-path-child.ts does it for the self-hosted engine).
 */
export async function measureCoreLoop(engineUrl: string, loopCounts = { zero: ZERO_LOOPS, latency: LATENCY_LOOPS }) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "aigency-bench-core-loop-"));
  process.env.DATA_DIR = dataDir;
  const traffic = new TrafficLog();
  countOutgoingEngineCalls(engineUrl, traffic);
  const { startProductApp, seedWorld } = await import("../lib/core-loop-app");
  const { runLoop } = await import("../lib/core-loop-drive");
  const { renderAdImage } = await import("../../src/server/campaigns/deploy/ad-image");

  const calls = new CallLog();
  const app = await startProductApp({ calls, traffic, dataDir });
  try {
    let n = 0;
    const loops = async (count: number, latencyMs: number) => {
      calls.latencyMs = latencyMs;
      const samples: LoopSample[] = [];
      for (let i = 0; i < count; i++) {
        const world = await seedWorld(app.db, n++);
        samples.push(await runLoop({ db: app.db, devServer: new DevServer(engineUrl), world, calls, traffic }));
      }
      return samples;
    };
    await loops(1, 0); // warm-up: module loading, JIT, first sync of each function's run state
    const zero = await loops(loopCounts.zero, 0);
    const slow = await loops(loopCounts.latency, LATENCY_MS);

    const ratios = slow.map((s) => s.totalMs / (LATENCY_MS * s.criticalCalls.length));
    const renderStart = performance.now();
    renderAdImage("bench headline\nbench prompt");
    const renderMs = performance.now() - renderStart;
    const zeroDetails = describeLoops(zero);
    const slowDetails = describeLoops(slow);
    const slowOverhead = slow.map((s) => s.totalMs - LATENCY_MS * s.criticalCalls.length);

    return {
      zeroLatencyTotalMs: round(median(zero.map((s) => s.totalMs))),
      engineRoundTrips: median(zero.map((s) => s.incoming.length)),
      criticalPathRatio: round(median(ratios), 2),
      details: {
        what: "brief.extracted sent → campaign/deployed received by the Dev Server, minus the approval wait (plan PENDING_APPROVAL → approve clicked)",
        zeroLatency: zeroDetails,
        latency200ms: {
          ...slowDetails,
          criticalPathRatio: summarize(ratios.map((r) => round(r, 3))),
          overheadBeyondExternalLatencyMs: summarize(slowOverhead),
          overheadPerCriticalCallMs: round(median(slowOverhead) / slowDetails.criticalPathCalls),
        },
        counting: {
          engineRoundTrips:
            "HTTP requests from the Dev Server to the product's serve handler (counted by wrapping the handler) from sending brief.extracted until every run of the loop settled (generate-campaign-plan, await-plan-approval, deploy-campaign); median over the zero-latency loops",
          criticalPath:
            "external calls the fakes received from generate-campaign-plan before the approval click plus from deploy-campaign up to campaign/deployed: every one is awaited in sequence, so all are on the path. Off the path: generate-campaign-plan's approval-needed email, which runs alongside the deployment",
          ratio: `per loop (wall minus approval wait) ÷ (${LATENCY_MS} ms × critical-path calls), median over ${loopCounts.latency} loops`,
          fakes: "embedded implementations (offline LLM plan, local storage in a temp dir, outbox mail, simulated Facebook) each preceded by the configured delay per call",
          sdkToEngineCalls: "the SDK's own calls to the Dev Server (checkpoints, step sendEvent, the bench's two inngest.send) — not in engineRoundTrips",
        },
        productComputeMs: {
          renderAdImagePerAd: round(renderMs),
          note: "deploy renders a 1200×628 PNG in JS for each ad before uploading it: on the path but neither engine nor external latency",
        },
        database: "PGlite in memory (in-process)",
        devServerFlags: "--no-discovery --no-poll --tick 10",
        checkpointing: "SDK default (on)",
      },
    };
  } finally {
    await app.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export const coreLoopSuite: BenchSuite = {
  name: "core-loop",
  resultFile: "core-loop.json",
  // The core loop runs the product's own functions on the product's client (see core-loop-app.ts).
  functions: () => [],
  measure: (ctx: BenchContext) => {
    // The product client and env() read this on first import, so it is set before any product code loads.
    process.env.INNGEST_DEV = ctx.devServer.url;
    return measureCoreLoop(ctx.devServer.url);
  },
};
