/**
 * Drives one core loop on the real Dev Server: `onboarding/brief.extracted` → plan PENDING_APPROVAL →
 * approval (the product's approvePlan + the event exactly as the approve route sends it) →
 * `campaign/deployed`. Product modules: import only after the env is set (see core-loop-app.ts).
 */
import { and, eq } from "drizzle-orm";
import { campaignPlanApproved, onboardingBriefExtracted } from "../../inngest/events";
import { approvalEventId, approvePlan } from "../../src/server/campaigns/approval";
import type { Db } from "../../src/server/db/client";
import { campaignRecords } from "../../src/server/db/schema";
import type { DevServer } from "../../tests/e2e/support/dev-server-api";
import { inngest, type World } from "./core-loop-app";
import type { CallLog, ExternalCall } from "./core-loop-fakes";
import type { Exchange, TrafficLog } from "./core-loop-traffic";

const GENERATE = "aigency-generate-campaign-plan";
const DEPLOY = "aigency-deploy-campaign";

export interface LoopSample {
  latencyMs: number;
  sentAt: number;
  /** When save-pending-plan wrote PENDING_APPROVAL (the row's updatedAt), i.e. when a human could first click. */
  pendingAt: number;
  /** When the bench "clicked" approve; clickAt − pendingAt is the approval wait, not orchestration. */
  clickAt: number;
  approvalSentAt: number;
  /** The Dev Server's receivedAt for this campaign's `campaign/deployed`. */
  deployedAt: number;
  approvalWaitMs: number;
  totalMs: number;
  criticalCalls: ExternalCall[];
  offPathCalls: ExternalCall[];
  incomingUntilDeployed: Exchange[];
  incoming: Exchange[];
  outgoing: Exchange[];
  /** The engine's own record of the two run starts on the path (from /v0/gql), for the timeline. */
  engine: { generate: RunStart; deploy: RunStart };
}

/** When the engine received a run's event, queued the run and started it (epoch ms). */
export interface RunStart {
  eventReceivedAt: number;
  queuedAt: number;
  startedAt: number;
}

async function runStart(devServer: DevServer, eventName: string, where: Record<string, unknown>, fnSlug: string, since: Date): Promise<RunStart> {
  const event = await devServer.waitForEvent(eventName, where, { since });
  const run = event.runs.find((r) => r.functionSlug === fnSlug);
  if (!run) throw new Error(`${eventName} started no ${fnSlug} run`);
  const { run: times } = await devServer.gql<{ run: { queuedAt: string; startedAt: string } }>(
    `query($id: String!) { run(runID: $id) { queuedAt startedAt } }`,
    { id: run.id },
  );
  return { eventReceivedAt: Date.parse(event.receivedAt), queuedAt: Date.parse(times.queuedAt), startedAt: Date.parse(times.startedAt) };
}

async function waitForPendingPlan(db: Db, world: World, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await db
      .select()
      .from(campaignRecords)
      .where(and(eq(campaignRecords.organizationId, world.organizationId), eq(campaignRecords.projectId, world.projectId)));
    if (row?.status === "PENDING_APPROVAL") return row;
    if (row && !["GENERATING", "DRAFT"].includes(row.status)) throw new Error(`plan ended ${row.status}: ${JSON.stringify(row.lastError)}`);
    if (Date.now() > deadline) throw new Error(`no PENDING_APPROVAL plan within ${timeoutMs} ms (status ${row?.status ?? "none"})`);
    // In-process PGlite: a 10 ms poll costs well under a millisecond of the database's time.
    await new Promise((r) => setTimeout(r, 10));
  }
}

export async function runLoop(opts: { db: Db; devServer: DevServer; world: World; calls: CallLog; traffic: TrafficLog }): Promise<LoopSample> {
  const { db, devServer, world, calls, traffic } = opts;
  const sentAt = Date.now();
  await inngest.send(
    onboardingBriefExtracted.create({
      organizationId: world.organizationId,
      projectId: world.projectId,
      briefId: world.briefId,
      briefVersion: world.briefVersion,
      userId: world.userId,
    }),
  );

  const pending = await waitForPendingPlan(db, world);
  const clickAt = Date.now();
  const decided = await approvePlan(db, { campaignId: pending.id, actor: { userId: world.userId, organizationId: world.organizationId } });
  if (!decided.ok) throw new Error(`approval refused: ${decided.message}`);
  const { record } = decided;
  await inngest.send(
    campaignPlanApproved.create(
      {
        organizationId: record.organizationId,
        projectId: record.projectId,
        campaignId: record.id,
        version: record.version,
        approvedBy: world.userId,
        adAccountId: record.adAccountId ?? undefined,
      },
      { id: approvalEventId(record) },
    ),
  );
  const approvalSentAt = Date.now();

  const deployed = await devServer.waitForEvent("campaign/deployed", { campaignId: record.id }, { since: new Date(sentAt - 1_000), timeoutMs: 180_000 });
  const deployedAt = Date.parse(deployed.receivedAt);
  // Let the tail (await-plan-approval, the deploy run's final request) finish so loops never overlap.
  await traffic.settle(500);

  const since = new Date(sentAt - 1_000);
  const engine = {
    generate: await runStart(devServer, onboardingBriefExtracted.name, { briefId: world.briefId }, GENERATE, since),
    deploy: await runStart(devServer, campaignPlanApproved.name, { campaignId: record.id }, DEPLOY, since),
  };
  const pendingAt = pending.updatedAt.getTime();
  const loopCalls = calls.since(sentAt);
  // On the path to campaign/deployed: planning up to the approval click, then the whole deployment.
  const onPath = (c: ExternalCall) => (c.fnId === GENERATE && c.startedAt < clickAt) || (c.fnId === DEPLOY && c.endedAt <= deployedAt);
  const approvalWaitMs = clickAt - pendingAt;
  return {
    latencyMs: calls.latencyMs,
    sentAt,
    pendingAt,
    clickAt,
    approvalSentAt,
    deployedAt,
    approvalWaitMs,
    totalMs: deployedAt - sentAt - approvalWaitMs,
    criticalCalls: loopCalls.filter(onPath),
    offPathCalls: loopCalls.filter((c) => !onPath(c)),
    incomingUntilDeployed: traffic.between(sentAt, deployedAt, "in"),
    incoming: traffic.between(sentAt, Infinity, "in"),
    outgoing: traffic.between(sentAt, Infinity, "out"),
    engine,
  };
}
