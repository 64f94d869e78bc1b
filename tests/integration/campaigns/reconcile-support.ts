import { InngestTestEngine } from "@inngest/test";
import { eq } from "drizzle-orm";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, expect } from "vitest";
import { campaignCleanupRequested, campaignPlanApproved, onboardingBriefExtracted } from "@/inngest/events";
import { cleanupCampaign } from "@/inngest/functions/campaign/cleanup-campaign";
import { deployCampaign } from "@/inngest/functions/campaign/deploy-campaign";
import { generateCampaignPlan } from "@/inngest/functions/campaign/generate-campaign-plan";
import { approvePlan } from "@/server/campaigns/approval";
import { perAdSetBudget } from "@/server/campaigns/approval-card";
import { requestCleanup } from "@/server/campaigns/deploy-actions";
import { campaignMarkerPrefix } from "@/server/campaigns/deploy/markers";
import { campaignPlanSchema } from "@/server/campaigns/plan-schema";
import type { Db } from "@/server/db";
import { campaignRecords, simulatedFaults } from "@/server/db/schema";
import { setDeps } from "@/server/deps";
import { savePendingConnection, selectAdAccount } from "@/server/facebook/connections";
import {
  addSimulatedFault,
  createGraphAdPlatform,
  createSimulatedAdPlatform,
  listSimulatedObjects,
  SIMULATED_PAGE,
  type AdPlatform,
} from "@/server/services/facebook";
import { createGraphFake, graphError, HTML_502 } from "../../mocks/graph";
import { createTestDb } from "../../support/db";
import { embeddedDeps, seedWorld, testCtx } from "./support";

/**
 * Fault injection for the reconcile matrix and property tests: one interface over the simulated
 * ad account (its own fault table) and the real Graph client against the msw Graph mock.
 */

export const WRITE_OPS = ["createCampaign", "createAdSet", "uploadImage", "createCreative", "createAd", "updateStatus"] as const;
export type FaultOp = (typeof WRITE_OPS)[number] | "findMarkedObjects";
/** Before the request is applied; after Graph applied it but before we read the answer; after the answer, before our db write. */
export type FaultPoint = "before" | "lost-response" | "db-write";

export interface LiveObject {
  id: string;
  name: string;
  dailyBudget?: number;
}
export type LiveByKind = Record<"campaign" | "adset" | "ad" | "creative" | "image", LiveObject[]>;

export interface Backend {
  name: "simulated" | "graph";
  platform: AdPlatform;
  connect(owner: { organizationId: string; userId: string }): Promise<void>;
  inject(op: FaultOp, point: Exclude<FaultPoint, "db-write">, times: number): Promise<void>;
  /** Forgets faults no call consumed, so they cannot leak into the next scenario on this account. */
  clearFaults(): Promise<void>;
  /** Objects of one campaign version (found by its marker prefix) that exist and could deliver. */
  live(markerPrefix: string): Promise<LiveByKind>;
}

const GRAPH_SECRET = "reconcile-secret";
const GRAPH_TOKEN = "EAAB-reconcile-token";
const GRAPH_ACCOUNT = "act_2222222222";
const SIM_ACCOUNT = "act_100000000000001";

/**
 * A database whose next `update` or `transaction` fails once armed: the crash or lost connection
 * between a Facebook write and the row that records it.
 */
export function faultyDb(db: Db) {
  let armed = 0;
  const proxy = new Proxy(db, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if ((prop === "update" || prop === "transaction") && armed > 0 && typeof value === "function") {
        return () => {
          armed -= 1;
          throw new Error("Injected database failure: the connection dropped before the write");
        };
      }
      return value;
    },
  });
  return { db: proxy, arm: () => void (armed += 1), get armed() { return armed; } };
}

/** Wraps a platform so a successful call of `op` arms the database failure (fault point "db-write"). */
function armingDbFaults(platform: AdPlatform, arm: () => void) {
  const pending = new Map<FaultOp, number>();
  const wrapped = new Proxy(platform, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== "function") return value;
      return async (...args: unknown[]) => {
        const out = (await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args)) as unknown;
        const left = pending.get(prop as FaultOp) ?? 0;
        if (left > 0) {
          pending.set(prop as FaultOp, left - 1);
          arm();
        }
        return out;
      };
    },
  });
  return { platform: wrapped, dbFaultAfter: (op: FaultOp, times: number) => void pending.set(op, (pending.get(op) ?? 0) + times) };
}

async function connectWith(db: Db, owner: { organizationId: string; userId: string }, opts: { token: string; adAccountId: string; simulated: boolean }) {
  await savePendingConnection(db, {
    ...owner,
    token: { accessToken: opts.token, expiresAt: null },
    adAccounts: [{ id: opts.adAccountId, name: "Bakery ads", currency: "USD", accountStatus: 1 }],
    pageId: SIMULATED_PAGE.id,
    simulated: opts.simulated,
  });
  await selectAdAccount(db, { ...owner, adAccountId: opts.adAccountId });
}

export function simulatedBackend(db: Db): Backend {
  return {
    name: "simulated",
    platform: createSimulatedAdPlatform({ db }),
    connect: (owner) => connectWith(db, owner, { token: "SIMULATED-reconcile", adAccountId: SIM_ACCOUNT, simulated: true }),
    async inject(operation, point, times) {
      if (point === "lost-response") {
        await addSimulatedFault(db, { adAccountId: SIM_ACCOUNT, operation, effect: "lose-response", remaining: times });
      } else {
        await addSimulatedFault(db, { adAccountId: SIM_ACCOUNT, operation, remaining: times, httpStatus: 503, code: 2, message: "Service temporarily unavailable", isTransient: true });
      }
    },
    clearFaults: async () => void (await db.delete(simulatedFaults).where(eq(simulatedFaults.adAccountId, SIM_ACCOUNT))),
    async live(prefix) {
      const rows = await listSimulatedObjects(db, SIM_ACCOUNT);
      const byId = new Map(rows.map((r) => [r.id, r]));
      const alive = (id: string | null | undefined): boolean => {
        const row = id ? byId.get(id) : undefined;
        return !row || (row.status !== "DELETED" && alive(row.parentId));
      };
      const ours = rows.filter((r) => r.name?.includes(prefix) && alive(r.id));
      const of = (kind: string) =>
        ours.filter((r) => r.kind === kind).map((r) => ({
          id: kind === "image" ? String(r.fields.hash) : r.id,
          name: r.name!,
          dailyBudget: r.fields.daily_budget === undefined ? undefined : Number(r.fields.daily_budget),
        }));
      return { campaign: of("campaign"), adset: of("adset"), ad: of("ad"), creative: of("creative"), image: of("image") };
    },
  };
}

const GRAPH_PATHS: Record<FaultOp, (req: { method: string; path: string }) => boolean> = {
  createCampaign: (r) => r.method === "POST" && r.path === `${GRAPH_ACCOUNT}/campaigns`,
  createAdSet: (r) => r.method === "POST" && r.path === `${GRAPH_ACCOUNT}/adsets`,
  uploadImage: (r) => r.method === "POST" && r.path === `${GRAPH_ACCOUNT}/adimages`,
  createCreative: (r) => r.method === "POST" && r.path === `${GRAPH_ACCOUNT}/adcreatives`,
  createAd: (r) => r.method === "POST" && r.path === `${GRAPH_ACCOUNT}/ads`,
  updateStatus: (r) => r.method === "POST" && !r.path.includes("/"),
  findMarkedObjects: (r) => r.method === "GET",
};

/** The real Graph client against the msw Graph mock; register `fake.handlers` with the test's msw server. */
export function graphBackend(db: Db) {
  const fake = createGraphFake({ baseUrl: "http://graph.test", appId: "42", appSecret: GRAPH_SECRET, tokens: [GRAPH_TOKEN] });
  let variant = 0;
  const backend: Backend = {
    name: "graph",
    platform: createGraphAdPlatform({ appId: "42", appSecret: GRAPH_SECRET, graphUrl: "http://graph.test" }),
    connect: (owner) => connectWith(db, owner, { token: GRAPH_TOKEN, adAccountId: GRAPH_ACCOUNT, simulated: false }),
    async inject(op, point, times) {
      for (let i = 0; i < times; i++) {
        // Alternate the two shapes a lost answer takes: a cut connection and Graph's HTML error page.
        const drop = variant++ % 2 === 0;
        fake.failNext({
          match: GRAPH_PATHS[op],
          phase: point === "lost-response" ? "after-write" : "before",
          dropConnection: drop,
          status: point === "lost-response" ? 502 : 503,
          body: point === "lost-response" ? HTML_502 : graphError(2, "Service temporarily unavailable", { is_transient: true }),
        });
      }
    },
    clearFaults: async () => fake.clearFailures(),
    async live(prefix) {
      const of = (kind: string) =>
        fake.live(kind)
          .filter((o) => String(o.body.name ?? "").includes(prefix))
          .map((o) => ({ id: o.id, name: String(o.body.name), dailyBudget: o.body.daily_budget === undefined ? undefined : Number(o.body.daily_budget) }));
      return { campaign: of("campaign"), adset: of("adset"), ad: of("ad"), creative: of("creative"), image: of("image") };
    },
  };
  return { backend, fake };
}

export interface Scenario {
  backend: Backend;
  db: Db;
  campaignId: string;
  markerPrefix: string;
  /** What the approved plan asks for: one object per plan entry and this total daily budget. */
  expected: { adSets: number; ads: number; dailyBudget: number };
  deployEvent: ReturnType<typeof campaignPlanApproved.create>;
  cleanupEvent: ReturnType<typeof campaignCleanupRequested.create>;
  /** The owner who approved, and who presses "Clean up". */
  actor: { userId: string; organizationId: string };
  /** Faults at the db-write point, counted per Facebook call that succeeds. */
  dbFaultAfter(op: FaultOp, times: number): void;
  /** Installs deps whose db fails when armed and whose platform arms it; call before every run. */
  useDeps(): void;
}

/** A world connected to the backend's account, with an approved plan ready to deploy. */
export async function approvedScenario(db: Db, backend: Backend, name: string): Promise<Scenario> {
  const w = await seedPlannedWorldOn(db, backend, name);
  const approved = await approvePlan(db, { campaignId: w.campaignId, actor: { userId: w.owner.userId, organizationId: w.organizationId } });
  if (!approved.ok) throw new Error(approved.message);
  const [record] = await db.select().from(campaignRecords).where(eq(campaignRecords.id, w.campaignId));
  const plan = campaignPlanSchema.parse(record!.structure);
  const faulty = faultyDb(db);
  const arming = armingDbFaults(backend.platform, faulty.arm);
  const deps = embeddedDeps(faulty.db, { facebook: arming.platform });
  const base = { organizationId: w.organizationId, projectId: w.projectId, campaignId: w.campaignId };
  return {
    backend,
    db,
    campaignId: w.campaignId,
    markerPrefix: campaignMarkerPrefix(record!),
    expected: {
      adSets: plan.adSets.length,
      ads: plan.adSets.reduce((n, s) => n + s.ads.length, 0),
      dailyBudget: perAdSetBudget(plan) * plan.adSets.length,
    },
    deployEvent: campaignPlanApproved.create({ ...base, version: record!.version, approvedBy: w.owner.userId, adAccountId: record!.adAccountId ?? undefined }),
    cleanupEvent: campaignCleanupRequested.create({ ...base, requestedBy: w.owner.userId }),
    actor: { userId: w.owner.userId, organizationId: w.organizationId },
    dbFaultAfter: arming.dbFaultAfter,
    useDeps: () => setDeps(deps),
  };
}

/** seedPlannedWorld's steps, with the connection made to the backend's account (the planner reads it). */
async function seedPlannedWorldOn(db: Db, backend: Backend, name: string) {
  const w = await seedWorld(db, { name, connect: false });
  await backend.connect({ organizationId: w.organizationId, userId: w.owner.userId });
  const planned = onboardingBriefExtracted.create({
    organizationId: w.organizationId,
    projectId: w.projectId,
    briefId: w.briefId,
    briefVersion: 1,
    userId: w.owner.userId,
  });
  setDeps(embeddedDeps(db));
  const { error } = await new InngestTestEngine({ function: generateCampaignPlan, events: [planned as never], transformCtx: testCtx().transformCtx }).execute();
  if (error) throw error;
  const [plan] = await db.select().from(campaignRecords).where(eq(campaignRecords.projectId, w.projectId));
  return { ...w, campaignId: plan!.id };
}

/**
 * Runs the real function until it finishes. @inngest/test stops a run at the first failing step, so
 * each retry is a fresh run in which every step executes again (stricter than Inngest's own retry,
 * which would replay the finished steps from memory).
 */
export async function runUntilDone(s: Scenario, which: "deploy" | "cleanup", maxAttempts = 40) {
  const errors: unknown[] = [];
  // Cleanup runs only on a campaign the owner's "Clean up" claimed (DEPLOY_FAILED → CLEANING_UP).
  if (which === "cleanup" && (await recordOf(s.db, s.campaignId)).status === "DEPLOY_FAILED") {
    const claimed = await requestCleanup(s.db, { campaignId: s.campaignId, actor: s.actor });
    if (!claimed.ok) throw new Error(`cleanup could not be claimed: ${claimed.message}`);
  }
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    s.useDeps();
    const engine =
      which === "deploy"
        ? new InngestTestEngine({ function: deployCampaign, events: [s.deployEvent as never], transformCtx: testCtx().transformCtx })
        : new InngestTestEngine({ function: cleanupCampaign, events: [s.cleanupEvent as never], transformCtx: testCtx().transformCtx });
    const { error, result } = await engine.execute();
    if (!error) return { result, attempts: attempt, errors };
    errors.push(error);
  }
  throw new Error(`${which} never finished: ${errors.map((e) => (e as Error).message).join(" | ")}`);
}

export async function recordOf(db: Db, campaignId: string) {
  return (await db.select().from(campaignRecords).where(eq(campaignRecords.id, campaignId)))[0]!;
}

export async function inject(s: Scenario, op: FaultOp, point: FaultPoint, times: number) {
  if (point === "db-write") s.dbFaultAfter(op, times);
  else await s.backend.inject(op, point, times);
}

/**
 * Exactly one object per plan entry, the record names exactly those, and the budget is the approved one.
 * `unusedCreatives`: two runs truly racing (only possible outside the per-account concurrency limit)
 * may each create a creative; the surplus one is used by no ad and costs nothing, so it is tolerated
 * there, while everything that can spend (campaign, ad sets, ads) must still be exactly one.
 */
export async function expectDeployedOnce(s: Scenario, opts: { unusedCreatives?: boolean } = {}) {
  const live = await s.backend.live(s.markerPrefix);
  expect(live.campaign).toHaveLength(1);
  expect(live.adset).toHaveLength(s.expected.adSets);
  expect(live.ad).toHaveLength(s.expected.ads);
  if (opts.unusedCreatives) expect(live.creative.length).toBeGreaterThanOrEqual(s.expected.ads);
  else expect(live.creative).toHaveLength(s.expected.ads);
  expect(live.image).toHaveLength(s.expected.ads);
  expect(live.adset.reduce((sum, a) => sum + (a.dailyBudget ?? 0), 0)).toBe(s.expected.dailyBudget);
  const row = await recordOf(s.db, s.campaignId);
  expect(row.status).toBe("ACTIVE");
  expect(row.fbCampaignId).toBe(live.campaign[0]!.id);
  const sorted = (ids: string[]) => [...ids].sort();
  expect(sorted(Object.values(row.fbAdSetIds))).toEqual(sorted(live.adset.map((o) => o.id)));
  expect(sorted(Object.values(row.fbAdIds))).toEqual(sorted(live.ad.map((o) => o.id)));
  const liveCreatives = live.creative.map((o) => o.id);
  if (opts.unusedCreatives) for (const id of Object.values(row.fbCreativeIds)) expect(liveCreatives).toContain(id);
  else expect(sorted(Object.values(row.fbCreativeIds))).toEqual(sorted(liveCreatives));
  expect(sorted(Object.values(row.fbImageHashes))).toEqual(sorted(live.image.map((o) => o.id)));
}

/** After cleanup: no campaign, ad set or ad of this version can deliver, and the record says CLEANED_UP. */
export async function expectNothingLive(s: Scenario) {
  const live = await s.backend.live(s.markerPrefix);
  expect({ campaigns: live.campaign.length, adSets: live.adset.length, ads: live.ad.length }).toEqual({ campaigns: 0, adSets: 0, ads: 0 });
  expect((await recordOf(s.db, s.campaignId)).status).toBe("CLEANED_UP");
}

/**
 * One fresh database and both backends for a test file: the simulated account, and the real Graph
 * client against the msw Graph mock. Fields are filled in `beforeAll`; read them inside tests.
 */
export function setUpReconcileWorld() {
  const world = {} as { db: Db; backends: Record<Backend["name"], Backend> };
  const server = setupServer();
  let handle: Awaited<ReturnType<typeof createTestDb>> | undefined;
  beforeAll(async () => {
    handle = await createTestDb();
    // Before the Graph client is made: it keeps the fetch it was created with, which must be msw's.
    server.listen({ onUnhandledRequest: "error" });
    const graph = graphBackend(handle.db);
    server.use(...graph.fake.handlers);
    world.db = handle.db;
    world.backends = { simulated: simulatedBackend(handle.db), graph: graph.backend };
  });
  afterAll(async () => {
    server.close();
    setDeps();
    await handle?.close();
  });
  return world;
}
