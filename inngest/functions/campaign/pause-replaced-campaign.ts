import { inngest } from "@/inngest/client";
import { campaignDeployed } from "@/inngest/events";
import { pauseReplacedCampaign as pauseOldVersion } from "@/server/campaigns/pause-replaced";

/**
 * A version that replaces a live campaign went live: pause the old one, so the project never runs two
 * campaigns on the owner's one budget. Listening to `campaign/deployed` (sent only after ACTIVE) means
 * the old campaign keeps running if the new one never makes it. One run per project at a time; the
 * claim inside the step also holds when runs overlap anyway (replays, reruns).
 */
export const pauseReplacedCampaign = inngest.createFunction(
  {
    id: "pause-replaced-campaign",
    triggers: [campaignDeployed],
    concurrency: [{ key: "event.data.projectId", limit: 1 }],
    retries: 6,
  },
  async (ctx) => {
    const { event, step, runId, deps } = ctx;
    const { organizationId, campaignId } = event.data;
    return step.run("pause-replaced-campaign", () => pauseOldVersion(deps, { organizationId, campaignId, runKey: runId }));
  },
);
