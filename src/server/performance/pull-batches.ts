import {
  GRAPH_BATCH_LIMIT,
  GraphApiError,
  type AdAccountContext,
  type AdPlatform,
  type ObjectPerformance,
  type PerformanceQuery,
} from "@/server/services/facebook/types";

export interface BatchPullOutcome {
  pulled: ObjectPerformance[];
  /** Refused for good (deleted on Facebook, no permission): skipped, with Graph's reason. */
  skipped: { objectId: string; reason: string }[];
  /** Why the pull stopped early (rate limit, login refused, transient failures that outlasted every round). */
  stoppedBy?: GraphApiError;
  /** What was left to pull when it stopped. */
  pending: string[];
}

export interface BatchPullOptions {
  /** Rounds in all: the first batch plus re-batches of the sub-requests that failed transiently. */
  rounds?: number;
  /** Pause before round n+1 is n × this (Graph asks for a short back-off after its 5xx). */
  backoffMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export const chunk = <T>(items: T[], size = GRAPH_BATCH_LIMIT): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Pulls the objects in batches of ≤ 50 and re-batches only the sub-requests that failed
 * transiently (a 5xx, or a `null` Graph timed out). A throttle (613, 17, …) or a refused login
 * stops at once: hammering a throttled account only extends the block, so the caller stores what
 * arrived and lets the engine retry later, for this account only.
 */
export async function pullInBatches(
  platform: AdPlatform,
  ctx: AdAccountContext,
  queries: PerformanceQuery[],
  range: { since: string; until: string },
  opts: BatchPullOptions = {},
): Promise<BatchPullOutcome> {
  const rounds = opts.rounds ?? 3;
  const sleep = opts.sleep ?? wait;
  const out: BatchPullOutcome = { pulled: [], skipped: [], pending: [] };
  let pending = queries;
  for (let round = 1; round <= rounds && pending.length; round++) {
    if (round > 1) await sleep((opts.backoffMs ?? 1_000) * (round - 1));
    const retry: PerformanceQuery[] = [];
    for (const [i, part] of chunk(pending).entries()) {
      let results;
      try {
        results = await platform.getPerformanceBatch(ctx, part, range);
      } catch (error) {
        // The whole request failed: what earlier batches brought is kept, the rest is pending.
        if (!(error instanceof GraphApiError)) throw error;
        const rest = chunk(pending).slice(i).flat();
        return { ...out, stoppedBy: error, pending: [...retry, ...rest].map((q) => q.objectId) };
      }
      const byId = new Map(part.map((q) => [q.objectId, q]));
      for (const r of results) {
        if (r.ok) out.pulled.push(r.value);
        else if (r.error.kind === "transient") retry.push(byId.get(r.objectId)!);
        else if (r.error.kind === "permanent") out.skipped.push({ objectId: r.objectId, reason: r.error.message });
        else {
          // Throttled or refused: nothing more for this account now; the failed ones wait for the retry.
          out.stoppedBy ??= r.error;
          retry.push(byId.get(r.objectId)!);
        }
      }
      if (out.stoppedBy) {
        const rest = chunk(pending).slice(i + 1).flat();
        return { ...out, pending: [...retry, ...rest].map((q) => q.objectId) };
      }
    }
    pending = retry;
    if (round === rounds && retry.length) {
      const last = new GraphApiError(`Graph kept failing ${retry.length} sub-request(s) after ${rounds} rounds`, {
        httpStatus: 0, code: -1, isTransient: true,
      });
      return { ...out, stoppedBy: last, pending: retry.map((q) => q.objectId) };
    }
  }
  return out;
}
