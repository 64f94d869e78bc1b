import os from "node:os";
import path from "node:path";
import { InngestTestEngine, mockCtx } from "@inngest/test";
import { eq } from "drizzle-orm";
import type { Context } from "inngest";
import { vi } from "vitest";
import { parseEnv } from "@/env";
import type { Db } from "@/server/db";
import { onboardingBriefExtracted } from "@/inngest/events";
import { generateCampaignPlan } from "@/inngest/functions/campaign/generate-campaign-plan";
import { campaignRecords, projects } from "@/server/db/schema";
import type { Deps } from "@/server/deps";
import { savePendingConnection, selectAdAccount } from "@/server/facebook/connections";
import { saveBriefVersion } from "@/server/onboarding/briefs";
import { createServices } from "@/server/services";
import {
  GraphApiError,
  type AdAccountContext,
  type AdInput,
  type AdPlatform,
  type AdSetInput,
  type CampaignInput,
  type LiveObject,
  type ObjectPerformance,
  type ObjectStatus,
  type PerformanceQuery,
  type PerformanceResult,
} from "@/server/services/facebook/types";
import { signUpTestUser, type TestUser } from "../../support/viewers";

export const AD_ACCOUNT = "act_1234567890";

export interface World {
  owner: TestUser;
  organizationId: string;
  projectId: string;
  briefId: string;
}

/** A signed-up owner with a project, a confirmed brief ($600/month) and, unless told otherwise, an active connection. */
export async function seedWorld(db: Db, opts: { connect?: boolean; name?: string } = {}): Promise<World> {
  const owner = await signUpTestUser(db, { name: opts.name ?? "Olive" });
  const { findMembership } = await import("@/server/auth/organization");
  const organizationId = (await findMembership(db, owner.userId))!.organizationId;
  const [project] = await db.insert(projects).values({ organizationId, name: "Corner Bakery", createdById: owner.userId }).returning();
  const brief = await saveBriefVersion(db, {
    organizationId,
    projectId: project!.id,
    confirmedBy: owner.userId,
    fields: {
      businessDescription: "A neighbourhood bakery",
      product: "Sourdough bread subscriptions",
      targetAudience: "Busy parents",
      goal: "LEADS",
      monthlyBudgetCents: 60_000,
      budgetCurrency: "USD",
      location: "Austin, Texas",
      uniqueSellingPoint: "Baked at 5am, delivered by 8am",
      websiteUrl: "https://bakery.example",
    },
  });
  if (opts.connect ?? true) await connect(db, { organizationId, userId: owner.userId });
  return { owner, organizationId, projectId: project!.id, briefId: brief.id };
}

export async function connect(db: Db, owner: { organizationId: string; userId: string }) {
  await savePendingConnection(db, {
    ...owner,
    token: { accessToken: "EAAB-test-token", expiresAt: null },
    adAccounts: [{ id: AD_ACCOUNT, name: "Bakery ads", currency: "USD", accountStatus: 1 }],
    pageId: "100000000000101",
    simulated: false,
  });
  await selectAdAccount(db, { ...owner, adAccountId: AD_ACCOUNT });
}

/** Embedded services on the test database (offline model, outbox mail, local storage, simulated Facebook). */
export function embeddedDeps(db: Db, overrides: Partial<Deps["services"]> = {}): Deps {
  return { db, services: { ...createServices({ env: parseEnv({ NODE_ENV: "test", DATA_DIR: path.join(os.tmpdir(), "aigency-campaign-tests") }), db }), ...overrides } };
}

/**
 * @inngest/test context with the tools it does not fake (inngest.md §7): sendEvent and realtime publish
 * are recorded instead of calling the engine, and waitForEvent resolves to the answer given for its step id (null = timed out).
 */
export function testCtx(opts: { waits?: Record<string, unknown> } = {}) {
  const sent: { id: string; payload: unknown }[] = [];
  const published: { id: string; data: unknown }[] = [];
  const waits = opts.waits ?? {};
  const transformCtx = (raw: Context.Any): Context.Any => {
    const m = mockCtx(raw);
    return {
      ...m,
      step: {
        ...m.step,
        // The engine replays the handler once per step; a real step is memoized by id, so record each id once.
        sendEvent: vi.fn(async (id: string, payload: unknown) => {
          if (!sent.some((s) => s.id === id)) sent.push({ id, payload });
          return { ids: [] };
        }),
        waitForEvent: vi.fn(async (id: string) => waits[id] ?? null),
        realtime: {
          ...m.step.realtime,
          publish: vi.fn(async (id: string, _topic: unknown, data: unknown) => {
            if (!published.some((p) => p.id === id)) published.push({ id, data });
          }),
        },
      },
    } as Context.Any;
  };
  return { transformCtx, sent, published };
}

/** A seeded world whose first plan the real planner function has already proposed (PENDING_APPROVAL). */
export async function seedPlannedWorld(db: Db, name: string): Promise<World & { campaignId: string }> {
  const w = await seedWorld(db, { name });
  await new InngestTestEngine({
    function: generateCampaignPlan,
    events: [
      onboardingBriefExtracted.create({
        organizationId: w.organizationId,
        projectId: w.projectId,
        briefId: w.briefId,
        briefVersion: 1,
        userId: w.owner.userId,
      }) as never,
    ],
    transformCtx: testCtx().transformCtx,
  }).execute();
  const [plan] = await db.select().from(campaignRecords).where(eq(campaignRecords.projectId, w.projectId));
  return { ...w, campaignId: plan!.id };
}

/**
 * A fake ad account: numbered ids from `firstId`, every create/update call counted in `calls`, and an
 * optional error thrown by each named operation. Marker lookups find nothing (and are not counted):
 * nothing of ours exists before the test's own creates. Created campaigns, ad sets and ads are kept
 * in `objects` (status, ad set budget, creative) so live reads, budget changes and batches answer
 * from what was done; a test may edit `objects` to play a change made elsewhere (Ads Manager).
 */
export function fakeAdPlatform(failures: Partial<Record<string, Error>> = {}, opts: { firstId?: number } = {}) {
  const calls: string[] = [];
  const objects = new Map<string, FakeObject>();
  let next = opts.firstId ?? 1000;
  const op = <A extends unknown[], T>(name: string, value: (...args: A) => T) => async (...args: A) => {
    calls.push(name);
    const failure = failures[name];
    if (failure) throw failure;
    return value(...args);
  };
  const keep = (kind: FakeObject["kind"], input: { status: ObjectStatus; dailyBudgetCents?: number; creativeId?: string }) => {
    const id = `${next++}`;
    objects.set(id, { id, kind, status: input.status, dailyBudgetCents: input.dailyBudgetCents, creativeId: input.creativeId });
    return { id };
  };
  const missing = (id: string) => new GraphApiError(`Graph API error 100/33: Object with ID '${id}' does not exist`, { httpStatus: 400, code: 100, subcode: 33, isTransient: false });
  const live = (id: string): LiveObject => {
    const o = objects.get(id);
    if (!o) throw missing(id);
    return { id, status: o.status, ...(o.kind === "adset" ? { dailyBudgetCents: o.dailyBudgetCents } : {}) };
  };
  const platform = {
    kind: "simulated",
    createCampaign: op("createCampaign", (_ctx: AdAccountContext, input: CampaignInput) => keep("campaign", input)),
    createAdSet: op("createAdSet", (_ctx: AdAccountContext, input: AdSetInput) => keep("adset", input)),
    uploadImage: op("uploadImage", () => ({ hash: `hash${next++}` })),
    createCreative: op("createCreative", () => ({ id: `${next++}` })),
    createAd: op("createAd", (_ctx: AdAccountContext, input: AdInput) => keep("ad", input)),
    updateStatus: op("updateStatus", (_ctx: AdAccountContext, id: string, status: ObjectStatus) => {
      const o = objects.get(id);
      if (o) o.status = status;
    }),
    findMarkedObjects: async () => [],
    readObjects: op("readObjects", (_ctx: AdAccountContext, ids: string[]) => ids.map(live)),
    updateDailyBudget: op("updateDailyBudget", (_ctx: AdAccountContext, id: string, cents: number) => {
      const o = objects.get(id);
      if (o?.kind !== "adset") throw missing(id);
      o.dailyBudgetCents = cents;
    }),
    // Objects as they are now, with no delivery: tests of the pipeline put days in with their own fakes.
    getPerformanceBatch: op("getPerformanceBatch", (_ctx: AdAccountContext, queries: PerformanceQuery[]): PerformanceResult[] =>
      queries.map((q) => {
        const o = objects.get(q.objectId);
        if (!o) return { objectId: q.objectId, ok: false, error: missing(q.objectId) };
        const value: ObjectPerformance = {
          objectId: o.id, level: q.level, status: o.status, effectiveStatus: o.status,
          ...(o.kind === "adset" ? { dailyBudgetCents: o.dailyBudgetCents } : {}),
          ...(o.kind === "ad" ? { creativeId: o.creativeId } : {}),
          days: [], raw: { id: o.id, status: o.status },
        };
        return { objectId: q.objectId, ok: true, value };
      }),
    ),
  } as unknown as AdPlatform;
  return { platform, calls, objects };
}

export interface FakeObject {
  id: string;
  kind: "campaign" | "adset" | "ad";
  status: string;
  dailyBudgetCents?: number;
  creativeId?: string;
}
