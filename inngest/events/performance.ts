import { eventType } from "inngest";
import { z } from "zod";
import { id, tenant } from "./shared";

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** One per cron tick (or `npm run`/dev control): fans out to the ad accounts with live campaigns. */
export const performanceSweepRequested = eventType("performance/sweep.requested", {
  schema: z.object({ sweepId: id }),
});

/**
 * Pull every live campaign's objects of one ad account. adAccountId keys the flow control shared
 * with deploys and every other Graph caller for that account.
 */
export const performanceAccountSweepRequested = eventType("performance/account-sweep.requested", {
  schema: z.object({ ...tenant, adAccountId: z.string().min(1), sweepId: id }),
});

/** The owner asked for fresh numbers on one campaign (debounced per campaign). */
export const performanceRefreshRequested = eventType("performance/refresh.requested", {
  schema: z.object({ ...tenant, projectId: id, campaignId: id, adAccountId: z.string().min(1), requestedBy: id }),
});

/** A campaign's snapshot rows for `date` are stored: detection and optimisation run on this. */
export const performanceSnapshotPulled = eventType("performance/snapshot.pulled", {
  schema: z.object({
    ...tenant,
    projectId: id,
    campaignId: id,
    adAccountId: z.string().min(1),
    date: day,
    sweepId: id,
  }),
});

/** A campaign completed a week of delivery: the weekly report starts from this. */
export const performanceCampaignWeekCompleted = eventType("performance/campaign.week-completed", {
  schema: z.object({ ...tenant, projectId: id, campaignId: id, weekEnding: day, week: z.number().int().positive() }),
});
