import { NonRetriableError, RetryAfterError } from "inngest";
import type { Deps } from "@/server/deps";
import { getActiveConnection, markConnectionNeedsReconnect } from "@/server/facebook/connections";
import { GRAPH_BATCH_LIMIT, GraphApiError } from "@/server/services/facebook/types";
import { accountNow } from "./account-clock";
import { accountTimezone } from "./account-timezone";
import { listLiveCampaigns, type PlannedObject } from "./live-objects";
import { pullInBatches, type BatchPullOptions } from "./pull-batches";
import { pullRange } from "./pull-range";
import { toSnapshotRows } from "./snapshot-rows";
import { objectsPulledSince, upsertSnapshots } from "./store-snapshots";

/** Used only when Graph throttles without saying for how long. */
export const DEFAULT_THROTTLE_WAIT_MS = 60_000;

export interface PullChunk {
  connectionUserId: string;
  objects: PlannedObject[];
}

/** What one account's pull covers: plain JSON, so an Inngest step can return it (no token in it). */
export interface AccountPullPlan {
  organizationId: string;
  adAccountId: string;
  sweepId: string;
  /** When the run planned (real time): rows written since then are this run's, a retried step skips them. */
  startedAt: string;
  timezone: string;
  range: { since: string; until: string };
  campaigns: { campaignId: string; projectId: string; currency: string }[];
  chunks: PullChunk[];
}

export interface AccountPullTarget {
  organizationId: string;
  adAccountId: string;
  campaignIds?: string[];
  sweepId: string;
}

/**
 * Lists the objects to pull and cuts them into batches of ≤ 50 per token (campaigns deployed by
 * different members of the organization are pulled with their own logins), filling each batch across
 * campaigns so an account needs ceil(objects / 50) requests.
 */
export async function planAccountPull(deps: Deps, target: AccountPullTarget): Promise<AccountPullPlan> {
  const campaigns = await listLiveCampaigns(deps.db, target);
  const timezone = await accountTimezone(deps.db, target);
  const range = await pullRange(deps.db, { now: await accountNow(deps, target.adAccountId), timezone, campaigns });
  const byToken = new Map<string, PlannedObject[]>();
  for (const c of campaigns) byToken.set(c.connectionUserId, [...(byToken.get(c.connectionUserId) ?? []), ...c.objects]);
  const chunks = [...byToken.entries()].flatMap(([connectionUserId, objects]) =>
    Array.from({ length: Math.ceil(objects.length / GRAPH_BATCH_LIMIT) }, (_, i) => ({
      connectionUserId,
      objects: objects.slice(i * GRAPH_BATCH_LIMIT, (i + 1) * GRAPH_BATCH_LIMIT),
    })),
  );
  return {
    organizationId: target.organizationId,
    adAccountId: target.adAccountId,
    sweepId: target.sweepId,
    startedAt: new Date().toISOString(),
    timezone,
    range,
    campaigns: campaigns.map(({ campaignId, projectId, currency }) => ({ campaignId, projectId, currency })),
    chunks,
  };
}

export interface ChunkOutcome {
  stored: number;
  pulled: number;
  alreadyPulled: number;
  skipped: { objectId: string; reason: string }[];
  /** The chunk's login is not active (or Graph just refused it): its campaigns keep their last numbers. */
  noConnection?: boolean;
  /** Graph refused the token during this pull: the connection was marked EXPIRED, so the app asks for a reconnect. */
  loginRefused?: boolean;
}

/** Inngest's retry semantics for the failure that stopped a pull. */
export function toPullError(error: GraphApiError): Error {
  switch (error.kind) {
    case "rate-limit":
      return new RetryAfterError(error.message, error.details.retryAfterMs ?? DEFAULT_THROTTLE_WAIT_MS);
    case "transient":
      return new Error(error.message);
    default:
      return new NonRetriableError(error.message);
  }
}

/**
 * Pulls one batch chunk and upserts its rows. Objects this run already stored (a retried step) are
 * not asked again; what arrived before a throttle is stored before the step throws to wait.
 */
export async function pullChunk(
  deps: Deps,
  opts: { plan: Omit<AccountPullPlan, "chunks">; chunk: PullChunk; batch?: BatchPullOptions },
): Promise<ChunkOutcome> {
  const { plan, chunk } = opts;
  const done = await objectsPulledSince(deps.db, {
    objectIds: chunk.objects.map((o) => o.objectId),
    day: plan.range.until,
    since: new Date(plan.startedAt),
  });
  const todo = chunk.objects.filter((o) => !done.has(o.objectId));
  const base = { stored: 0, pulled: 0, alreadyPulled: done.size, skipped: [] };
  if (!todo.length) return base;
  const conn = await getActiveConnection(deps.db, { organizationId: plan.organizationId, userId: chunk.connectionUserId });
  if (!conn) return { ...base, noConnection: true };

  const ctx = { accessToken: conn.accessToken, adAccountId: plan.adAccountId };
  const queries = todo.map((o) => ({ objectId: o.objectId, level: o.level }));
  const askedAt = new Date();
  const outcome = await pullInBatches(deps.services.facebook, ctx, queries, plan.range, opts.batch);

  const planned = new Map(todo.map((o) => [o.objectId, o]));
  const currency = new Map(plan.campaigns.map((c) => [c.campaignId, c.currency]));
  const pulledAt = new Date();
  const rows = outcome.pulled.flatMap((perf) => {
    const o = planned.get(perf.objectId);
    if (!o) return [];
    const rowCtx = { ...plan, currency: currency.get(o.campaignId) ?? "USD", pulledAt };
    return toSnapshotRows(perf, o, rowCtx);
  });
  const stored = await upsertSnapshots(deps.db, rows);
  if (outcome.stoppedBy?.kind === "auth") {
    // Retrying cannot help and other logins' chunks should still run: expire this one (unless it was
    // renewed since we asked) and carry on, as deploys do.
    await markConnectionNeedsReconnect(deps.db, { organizationId: plan.organizationId, userId: chunk.connectionUserId, seenAt: askedAt });
    return { ...base, stored, pulled: outcome.pulled.length, skipped: outcome.skipped, noConnection: true, loginRefused: true };
  }
  if (outcome.stoppedBy) throw toPullError(outcome.stoppedBy);
  return { ...base, stored, pulled: outcome.pulled.length, skipped: outcome.skipped };
}

/**
 * The whole pull of one account as a plain call (what the Inngest function does step by step):
 * plan, then every chunk in turn. Throws like the step would (RetryAfterError when throttled).
 */
export async function pullAccountSnapshots(deps: Deps, target: AccountPullTarget, opts: { batch?: BatchPullOptions } = {}) {
  const { chunks, ...plan } = await planAccountPull(deps, target);
  const outcomes: ChunkOutcome[] = [];
  for (const chunk of chunks) outcomes.push(await pullChunk(deps, { plan, chunk, batch: opts.batch }));
  return {
    plan: { ...plan, chunks: chunks.length },
    stored: outcomes.reduce((n, o) => n + o.stored, 0),
    objects: chunks.reduce((n, c) => n + c.objects.length, 0),
    outcomes,
  };
}

/** The campaigns whose numbers this pull refreshed: all but those whose login was not active. */
export function refreshedCampaigns(
  plan: Pick<AccountPullPlan, "campaigns">,
  chunks: PullChunk[],
  outcomes: Pick<ChunkOutcome, "noConnection">[],
): AccountPullPlan["campaigns"] {
  const stale = new Set(chunks.flatMap((c, i) => (outcomes[i]?.noConnection ? c.objects.map((o) => o.campaignId) : [])));
  return plan.campaigns.filter((c) => !stale.has(c.campaignId));
}
