import { eq } from "drizzle-orm";
import type { Db } from "@/server/db";
import { campaignRecords, optimizationActions, performanceSnapshots } from "@/server/db/schema";
import type { Deps } from "@/server/deps";
import { ensureCampaignConversation } from "@/server/campaigns/records";
import { recordDecisions, type OptimizationAction } from "@/server/optimization/ledger";
import type { Decision } from "@/server/optimization/types";
import { savePendingConnection, selectAdAccount } from "@/server/facebook/connections";
import { SIMULATED_TOKEN_PREFIX } from "@/server/services/facebook/simulated";
import type { AdPlatform, LiveObject, ObjectStatus } from "@/server/services/facebook/types";
import { AD_ACCOUNT, embeddedDeps, fakeAdPlatform, seedWorld, type World } from "../campaigns/support";

export { AD_ACCOUNT };

export interface LiveCampaign extends World {
  campaignId: string;
  conversationId: string;
}

/** A seeded owner with an ACTIVE campaign on the fake ad account (as a finished deployment leaves it). */
export async function seedLiveCampaign(
  db: Db,
  name: string,
  opts: { adAccountId?: string; fbCampaignId?: string; simulated?: boolean } = {},
): Promise<LiveCampaign> {
  const w = await seedWorld(db, { name, connect: !opts.simulated });
  if (opts.simulated) {
    const owner = { organizationId: w.organizationId, userId: w.owner.userId };
    await savePendingConnection(db, {
      ...owner,
      token: { accessToken: `${SIMULATED_TOKEN_PREFIX}t`, expiresAt: null },
      adAccounts: [{ id: opts.adAccountId!, name: "Ads", currency: "USD", accountStatus: 1 }],
      pageId: "100000000000101",
      simulated: true,
    });
    await selectAdAccount(db, { ...owner, adAccountId: opts.adAccountId! });
  }
  const conversationId = await ensureCampaignConversation(db, { organizationId: w.organizationId, projectId: w.projectId });
  const [record] = await db
    .insert(campaignRecords)
    .values({
      organizationId: w.organizationId,
      projectId: w.projectId,
      conversationId,
      briefId: w.briefId,
      version: 1,
      sourceKey: `brief:${w.briefId}`,
      claimedByRunId: "seed",
      status: "ACTIVE",
      structure: { name: "Bakery leads" },
      ownerUserId: w.owner.userId,
      connectionUserId: w.owner.userId,
      adAccountId: opts.adAccountId ?? AD_ACCOUNT,
      currency: "USD",
      fbCampaignId: opts.fbCampaignId ?? "cmp-1",
      approvedBy: w.owner.userId,
    })
    .returning();
  return { ...w, campaignId: record!.id, conversationId };
}

/**
 * The fake ad account of tests/integration/campaigns/support.ts, extended (here, not there) with what
 * applying needs: live objects read back by readObjects, changed by updateStatus / updateDailyBudget,
 * every write recorded. `failNext` makes the next call of an operation throw once.
 */
export function fakeLiveAccount(initial: Record<string, { status: ObjectStatus; dailyBudgetCents?: number }>) {
  const base = fakeAdPlatform();
  const objects = new Map(Object.entries(initial).map(([id, o]) => [id, { ...o }]));
  const writes: string[] = [];
  const reads: string[][] = [];
  const failNext: Partial<Record<"updateStatus" | "updateDailyBudget" | "readObjects", Error>> = {};
  const once = (op: keyof typeof failNext) => {
    const e = failNext[op];
    delete failNext[op];
    if (e) throw e;
  };
  const platform: AdPlatform = {
    ...base.platform,
    readObjects: async (_ctx, ids) => {
      once("readObjects");
      reads.push([...ids]);
      return ids.filter((id) => objects.has(id)).map((id): LiveObject => ({ id, ...objects.get(id)! }));
    },
    updateStatus: async (_ctx, id, status) => {
      once("updateStatus");
      writes.push(`${id}:status=${status}`);
      objects.get(id)!.status = status;
    },
    updateDailyBudget: async (_ctx, id, cents) => {
      once("updateDailyBudget");
      writes.push(`${id}:budget=${cents}`);
      objects.get(id)!.dailyBudgetCents = cents;
    },
  };
  return { platform, objects, writes, reads, failNext };
}

export function depsWith(db: Db, facebook: AdPlatform): Deps {
  return embeddedDeps(db, { facebook });
}

let seq = 0;
/** A hand-made decision (the rules' output shape): pause one ad unless told otherwise. */
export function decision(overrides: Partial<Decision> = {}): Decision {
  const n = ++seq;
  return {
    rule: "low-ctr-ad",
    kind: "PAUSE_AD",
    objectType: "ad",
    objectId: `ad-${n}`,
    objectIds: [`ad-${n}`],
    reason: "Few people click this ad: 0.2% of those who saw it.",
    projectedEffect: "Its budget goes to the ads people click.",
    before: { statuses: { [`ad-${n}`]: "ACTIVE" } },
    after: { statuses: { [`ad-${n}`]: "PAUSED" } },
    moneyMovedCents: 0,
    budgetChangePercent: 0,
    snapshotDate: "2026-11-30",
    idempotencyKey: `low-ctr-ad:ad-${n}:2026-11-30:${Math.random()}`,
    disposition: "autonomous",
    ...overrides,
  };
}

export async function record(db: Db, c: LiveCampaign, d: Decision, now = new Date()): Promise<OptimizationAction> {
  const [row] = await recordDecisions(db, {
    organizationId: c.organizationId,
    projectId: c.projectId,
    campaignId: c.campaignId,
    adAccountId: AD_ACCOUNT,
    currency: "USD",
    decisions: [d],
    now,
    approvalTimeoutMs: 72 * 3_600_000,
  });
  return row!;
}

export async function loadAction(db: Db, id: string): Promise<OptimizationAction> {
  const [row] = await db.select().from(optimizationActions).where(eq(optimizationActions.id, id));
  return row!;
}

/** Snapshot rows of the campaign's ad sets on a day (what the rules and the apply-time percent read). */
export async function seedAdSetRows(db: Db, c: LiveCampaign, date: string, budgets: Record<string, number>) {
  await db.insert(performanceSnapshots).values(
    Object.entries(budgets).map(([objectId, dailyBudgetCents]) => ({
      organizationId: c.organizationId,
      campaignId: c.campaignId,
      adAccountId: AD_ACCOUNT,
      objectType: "adset" as const,
      objectId,
      parentObjectId: "cmp-1",
      date,
      objectStatus: "ACTIVE",
      dailyBudgetCents,
    })),
  );
}

/**
 * The database, except that the first `times` transactions are refused: a crash right after Facebook
 * said yes and before the outcome was recorded.
 */
export function refusingTransactions(db: Db, times = 1): Db {
  let left = times;
  return new Proxy(db, {
    get(target, prop, receiver) {
      if (prop === "transaction" && left > 0) {
        return () => {
          left--;
          return Promise.reject(new Error("connection lost"));
        };
      }
      const value = Reflect.get(target, prop, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
