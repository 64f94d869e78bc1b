/**
 * Deterministic ids for the sweep's events, so a retried run (or a cron tick delivered twice) sends
 * nothing new: the engine drops an event whose id it has seen.
 */

/** One sweep per cron tick: the tick's scheduled minute, falling back to the event id. */
export function sweepIdForTick(event: { ts?: number; id?: string }): string {
  if (event.ts) return `sweep-${new Date(Math.floor(event.ts / 60_000) * 60_000).toISOString()}`;
  return `sweep-${event.id ?? "unscheduled"}`;
}

export const sweepEventId = (sweepId: string) => `performance-sweep-${sweepId}`;

/**
 * One per ad account per sweep. The organization is part of it because two organizations may run
 * campaigns in one real ad account, and each needs its own pull (with its own logins).
 */
export const accountSweepEventId = (sweepId: string, a: { organizationId: string; adAccountId: string }) =>
  `${sweepId}:${a.adAccountId}:${a.organizationId}`;

export const snapshotPulledEventId = (opts: { campaignId: string; date: string; sweepId: string }) =>
  `snapshot-${opts.campaignId}-${opts.date}-${opts.sweepId}`;
