import { NonRetriableError } from "inngest";
import { inngest } from "@/inngest/client";
import { campaignDeployed, campaignDeployFailed, campaignPlanApproved } from "@/inngest/events";
import { AD_ACCOUNT_CONCURRENCY } from "@/inngest/flow-control";
import { campaignDeployChannel } from "@/inngest/realtime/campaign";
import { notifyDeployRefused, recordDeployCrashed, recordDeployRefused } from "@/server/campaigns/deploy-refusal";
import { expireConnectionAfterAuthFailure } from "@/server/campaigns/reconnect";
import {
  activateCampaign,
  ensureAd,
  ensureAdImage,
  ensureAdSet,
  ensureCreative,
  ensureFacebookCampaign,
} from "@/server/campaigns/deploy/deploy-objects";
import { confirmDeployed, markDeployFailed } from "@/server/campaigns/deploy/outcome";
import { verifyApproval } from "@/server/campaigns/deploy/verify-approval";
import { notifyDeployOutcome } from "@/server/campaigns/deploy/notify-outcome";
import { notificationCreatedEvent } from "@/server/notifications/events";
import { deployPausedFor, recordDeployAccountPaused } from "@/server/webhooks/paused-account-refusals";

/**
 * Creates the approved campaign on Facebook, one object per step. Every step first looks for the id
 * it would create (stored right after each creation), then on Facebook for an object carrying its
 * marker (a lost answer or failed store), so a retried, resumed or replayed run never creates a duplicate. Flow control is keyed by ad account so one busy account cannot starve others.
 */
export const deployCampaign = inngest.createFunction(
  {
    id: "deploy-campaign",
    triggers: [campaignPlanApproved],
    // The per-account queue is shared with cleanup-campaign (env scope), so they never overlap.
    concurrency: [AD_ACCOUNT_CONCURRENCY, { limit: 20 }],
    throttle: { key: "event.data.adAccountId", limit: 5, period: "1m" },
    retries: 6,
    // Failures the handler could not record itself (a step that kept failing outside the try) still end
    // the attempt in DEPLOY_FAILED with a message, so Resume works; recorded failures are left unchanged.
    onFailure: async ({ event, step, deps }) => {
      const data = event.data.event.data;
      if (data.attempt === undefined) return { recorded: false };
      const attempt = data.attempt;
      return step.run("record-deploy-crashed", () => recordDeployCrashed(deps, { ...data, attempt }));
    },
  },
  async (ctx) => {
    const { event, step } = ctx;
    const { deps } = ctx;
    const { organizationId, projectId, campaignId } = event.data;

    const verified = await step.run("verify-approval", () => verifyApproval(deps.db, event.data));
    // No approval row by a member of the owning org: stop before anything touches Facebook, and say so.
    if (!verified.ok) {
      const refused = await step.run("record-deploy-refused", () =>
        recordDeployRefused(deps, { ...event.data, reason: verified.reason }),
      );
      if (refused.recorded) {
        const note = await step.run("notify-deploy-refused", () =>
          notifyDeployRefused(deps, { organizationId, campaignId, attempt: refused.attempt, message: refused.message }),
        );
        if (note.notification) await step.sendEvent("emit-refused-notification", notificationCreatedEvent(note.notification));
      }
      throw new NonRetriableError(`Deployment refused: ${verified.reason}`);
    }
    // Facebook stopped the ad account (disabled, unsettled, closed): launch nothing there until it reopens.
    const paused = await step.run("check-account-standing", () => deployPausedFor(deps.db, { organizationId, campaignId }));
    if (paused) {
      const note = await step.run("record-deploy-account-paused", () => recordDeployAccountPaused(deps, { ...event.data, reason: paused }));
      if (note.notification) await step.sendEvent("emit-account-paused-notification", notificationCreatedEvent(note.notification));
      throw new NonRetriableError(`Deployment refused: the ad account is paused (${paused})`);
    }

    const channel = campaignDeployChannel({ campaignId });
    const total = 2 + verified.adsPerSet.length + verified.adsPerSet.reduce((n, ads) => n + ads * 3, 0);
    let completed = 0;
    let current = "verify-approval";
    const build = async <T extends { created?: boolean }>(id: string, label: string, fn: () => Promise<T>) => {
      current = id;
      const out = (await step.run(id, fn)) as T;
      completed += 1;
      await step.realtime.publish(`progress-${id}`, channel.progress, {
        step: id,
        state: out.created === false ? "skipped" : "done",
        label,
        completed,
        total,
      });
      return out;
    };

    try {
      await build("create-campaign", "Campaign created (paused)", () => ensureFacebookCampaign(deps, { campaignId, step: "create-campaign" }));
      for (const [i] of verified.adsPerSet.entries()) {
        const id = `create-ad-set-${i}`;
        await build(id, `Ad set ${i + 1} created`, () => ensureAdSet(deps, { campaignId, step: id, adSet: i }));
      }
      for (const [i, ads] of verified.adsPerSet.entries()) {
        for (let j = 0; j < ads; j++) {
          const ref = { campaignId, adSet: i, ad: j };
          const n = `${i}-${j}`;
          await build(`upload-image-${n}`, `Image for ad ${n} uploaded`, () => ensureAdImage(deps, { ...ref, step: `upload-image-${n}` }));
          await build(`create-creative-${n}`, `Creative for ad ${n} created`, () =>
            ensureCreative(deps, { ...ref, step: `create-creative-${n}`, link: verified.link }),
          );
          await build(`create-ad-${n}`, `Ad ${n} created`, () => ensureAd(deps, { ...ref, step: `create-ad-${n}` }));
        }
      }
      await build("activate-campaign", "Campaign switched on", async () => {
        const r = await activateCampaign(deps, { campaignId, step: "activate-campaign" });
        return { created: r.activated };
      });
    } catch (err) {
      const failedStep = current;
      const failure = await step.run("record-deploy-failure", () =>
        markDeployFailed(deps.db, { organizationId, campaignId, failedStep, message: err instanceof Error ? err.message : String(err) }),
      );
      if (failure.error.kind === "auth") {
        // Graph refused the login: ask for a reconnect; resume-deploy-after-reconnect continues from here.
        await step.run("mark-connection-expired", () => expireConnectionAfterAuthFailure(deps.db, { organizationId, campaignId, seenAt: new Date() }));
      }
      await step.realtime.publish("progress-failed", channel.progress, { step: failedStep, state: "failed", label: failure.error.message, completed, total });
      const note = await step.run("notify-deploy-failed", () =>
        notifyDeployOutcome(deps, { organizationId, campaignId, outcome: "failed", attempt: failure.attempt, failedStep, errorMessage: failure.error.message }),
      );
      if (note.notification) await step.sendEvent("emit-failure-notification", notificationCreatedEvent(note.notification));
      await step.sendEvent(
        "emit-deploy-failed",
        campaignDeployFailed.create(
          {
            organizationId,
            projectId,
            campaignId,
            failedStep,
            error: { message: failure.error.message, code: failure.error.code, subcode: failure.error.subcode, isTransient: failure.error.isTransient },
          },
          { id: `campaign-deploy-failed-${campaignId}-a${failure.attempt}` },
        ),
      );
      throw new NonRetriableError(`Deployment failed at ${failedStep}: ${failure.error.message}`);
    }

    const simulated = deps.services.facebook.kind === "simulated";
    const live = await step.run("confirm-deployed", () => confirmDeployed(deps.db, { organizationId, campaignId, simulated }));
    await step.realtime.publish("progress-live", channel.progress, { step: "live", state: "live", label: "Campaign is live", completed: total, total });
    const note = await step.run("notify-campaign-live", () => notifyDeployOutcome(deps, { organizationId, campaignId, outcome: "live" }));
    if (note.notification) await step.sendEvent("emit-live-notification", notificationCreatedEvent(note.notification));
    await step.sendEvent(
      "emit-campaign-deployed",
      campaignDeployed.create({ organizationId, projectId, campaignId, fbCampaignId: live.fbCampaignId }, { id: `campaign-deployed-${campaignId}` }),
    );
    return { deployed: true, fbCampaignId: live.fbCampaignId };
  },
);
