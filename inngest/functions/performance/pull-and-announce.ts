import type { GetStepTools } from "inngest";
import type { inngest } from "@/inngest/client";
import { performanceSnapshotPulled } from "@/inngest/events";
import type { Deps } from "@/server/deps";
import { planAccountPull, pullChunk, refreshedCampaigns, type AccountPullTarget } from "@/server/performance/pull-account";
import { snapshotPulledEventId } from "@/server/performance/sweep-ids";

/**
 * The step sequence a sweep and a refresh share: plan, one step per Graph batch (≤ 50 objects), then
 * one `performance/snapshot.pulled` per refreshed campaign. Step ids are passed in because each
 * function shipped its own and a running run must find them unchanged.
 */
export async function pullAndAnnounce(opts: {
  step: GetStepTools<typeof inngest>;
  deps: Deps;
  target: AccountPullTarget;
  stepIds: { plan: string; emit: string };
}) {
  const { step, deps, target, stepIds } = opts;
  const { chunks, ...plan } = await step.run(stepIds.plan, () => planAccountPull(deps, target));
  const outcomes = [];
  for (const [i, chunk] of chunks.entries()) {
    outcomes.push(await step.run(`pull-batch-${i}`, () => pullChunk(deps, { plan, chunk })));
  }
  const campaigns = refreshedCampaigns(plan, chunks, outcomes);
  if (campaigns.length) {
    const { organizationId, adAccountId, sweepId } = target;
    const date = plan.range.until;
    await step.sendEvent(
      stepIds.emit,
      campaigns.map((c) =>
        performanceSnapshotPulled.create(
          { organizationId, projectId: c.projectId, campaignId: c.campaignId, adAccountId, date, sweepId },
          { id: snapshotPulledEventId({ campaignId: c.campaignId, date, sweepId }) },
        ),
      ),
    );
  }
  return { batches: chunks.length, stored: outcomes.reduce((n, o) => n + o.stored, 0), campaigns: campaigns.length };
}
