import { inngest } from "@/inngest/client";
import {
  campaignPlanChangesRequested,
  campaignPlanGenerated,
  facebookAccountConnected,
  onboardingBriefExtracted,
} from "@/inngest/events";
import { generateCampaignPlan as askModelForPlan } from "@/server/campaigns/generate-plan";
import { campaignUrl, emailCampaignUser, loadProjectName, notifyCampaignUser } from "@/server/campaigns/notify";
import { loadPlanningInputs, type PlanTrigger } from "@/server/campaigns/planning-inputs";
import { resolveTargetPlaces } from "@/server/geo/target-places";
import { claimPlanRecord, getCampaign } from "@/server/campaigns/records";
import { markGenerationFailed, savePendingPlan } from "@/server/campaigns/save-plan";
import { notificationCreatedEvent } from "@/server/notifications/events";

/**
 * Plans a campaign once both the brief and a connected ad account exist (whichever event comes second
 * finds both), or revises a plan the user asked to change. One version per source, claimed before the
 * model is called, so racing triggers and retries never produce two pending plans.
 */
export const generateCampaignPlan = inngest.createFunction(
  {
    id: "generate-campaign-plan",
    triggers: [onboardingBriefExtracted, facebookAccountConnected, campaignPlanChangesRequested],
    retries: 3,
  },
  async (ctx) => {
    const { event, step, runId } = ctx;
    const { deps } = ctx;
    let trigger: PlanTrigger;
    if (event.name === "campaign/plan.changes-requested") {
      const d = event.data;
      trigger = { kind: "changes", organizationId: d.organizationId, campaignId: d.campaignId, userId: d.requestedBy, feedback: d.feedback };
    } else if (event.name === "onboarding/brief.extracted") {
      const d = event.data;
      trigger = { kind: "brief", organizationId: d.organizationId, projectId: d.projectId, userId: d.userId };
    } else if (event.name === "facebook/account.connected") {
      const d = event.data;
      trigger = { kind: "connection", organizationId: d.organizationId, userId: d.userId, projectId: d.projectId };
    } else {
      return { planned: false, reason: `unexpected event ${event.name}` };
    }

    const inputs = await step.run("load-planning-inputs", () => loadPlanningInputs(deps.db, trigger));
    if (!inputs.ready) return { planned: false, reason: inputs.reason };

    const claim = await step.run("claim-plan-version", () =>
      claimPlanRecord(deps.db, {
        organizationId: inputs.organizationId,
        projectId: inputs.projectId,
        briefId: inputs.brief.id,
        sourceKey: inputs.sourceKey,
        runId,
        ownerUserId: inputs.ownerUserId,
        connectionUserId: inputs.connectionUserId,
        adAccountId: inputs.adAccountId,
        previousVersionId: inputs.previousVersionId,
        feedback: inputs.feedback,
      }),
    );
    const campaignId = claim.record.id;
    if (!claim.claimed) return { planned: false, reason: "already planned", campaignId };

    // The brief's places as Facebook geo keys (Graph's targeting search in real mode); never the token.
    const geo = await step.run("resolve-target-places", () =>
      resolveTargetPlaces(deps, { organizationId: inputs.organizationId, userId: inputs.connectionUserId, location: inputs.brief.location }),
    );
    const result = await step.run("generate-plan", () =>
      askModelForPlan(deps.services.llm, {
        geo,
        brief: inputs.brief,
        previous: inputs.previousPlan,
        feedback: inputs.feedback,
        usage: { organizationId: inputs.organizationId, runId, dedupeKey: `campaign-plan:${campaignId}` },
      }),
    );
    const load = async () => (await getCampaign(deps.db, { organizationId: inputs.organizationId, campaignId }))!;

    if (!result.ok) {
      await step.run("surface-rule-violations", async () =>
        markGenerationFailed(deps.db, { record: await load(), violations: result.violations }),
      );
      return { planned: false, reason: "rules violated", campaignId, violations: result.violations };
    }

    const saved = await step.run("save-pending-plan", async () =>
      savePendingPlan(deps.db, { record: await load(), plan: result.plan, brief: inputs.brief }),
    );

    const notification = await step.run("notify-approval-needed", async () =>
      notifyCampaignUser(deps, {
        record: await load(),
        userId: inputs.ownerUserId,
        type: "APPROVAL_NEEDED",
        title: "A campaign plan needs your approval",
        body: `${result.plan.name} (version ${saved.version}) is ready for review.`,
        dedupeKey: `approval-needed:${campaignId}`,
      }),
    );
    await step.sendEvent("emit-notification-created", notificationCreatedEvent(notification));

    await step.run("email-approval-needed", async () => {
      const record = await load();
      return emailCampaignUser(deps, {
        record,
        userId: inputs.ownerUserId,
        template: "approval-needed",
        props: {
          projectName: await loadProjectName(deps, record.projectId),
          campaignName: result.plan.name,
          dailyBudgetCents: result.plan.dailyBudgetCents,
          approveUrl: campaignUrl(record),
        },
        idempotencyKey: `approval-needed:${campaignId}:v${saved.version}`,
      });
    });

    await step.sendEvent(
      "emit-plan-generated",
      campaignPlanGenerated.create(
        { organizationId: inputs.organizationId, projectId: inputs.projectId, campaignId, version: saved.version },
        { id: `campaign-plan-generated-${campaignId}` },
      ),
    );
    return { planned: true, campaignId, version: saved.version };
  },
);
