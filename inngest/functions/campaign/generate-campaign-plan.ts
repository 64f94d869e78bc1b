import { inngest } from "@/inngest/client";
import {
  campaignPlanChangesRequested,
  campaignPlanGenerated,
  campaignPlanRetryRequested,
  facebookAccountConnected,
  onboardingBriefExtracted,
} from "@/inngest/events";
import { describeReplacement } from "@/server/campaigns/approval-card";
import { generateCampaignPlan as askModelForPlan } from "@/server/campaigns/generate-plan";
import { campaignUrl, emailCampaignUser, loadProjectName, notifyCampaignUser } from "@/server/campaigns/notify";
import { loadPlanningInputs, type PlanTrigger } from "@/server/campaigns/planning-inputs";
import { resolveTargetPlaces } from "@/server/geo/target-places";
import { claimPlanRecord, getCampaign } from "@/server/campaigns/records";
import { markGenerationFailed, savePendingPlan } from "@/server/campaigns/save-plan";
import { applyCreativeToPlan } from "@/server/creative/lineage/apply-to-plan";
import { loadChosenCreative } from "@/server/creative/lineage/chosen-creative";
import { recordPlanLineage } from "@/server/creative/lineage/record-lineage";
import { notificationCreatedEvent } from "@/server/notifications/events";

const PLAN_RETRIES = 3;

/**
 * Plans a campaign once both the brief and a connected ad account exist (whichever event comes second
 * finds both), or revises a plan the user asked to change. One version per source, claimed before the
 * model is called, so racing triggers and retries never produce two pending plans.
 */
export const generateCampaignPlan = inngest.createFunction(
  {
    id: "generate-campaign-plan",
    triggers: [onboardingBriefExtracted, facebookAccountConnected, campaignPlanChangesRequested, campaignPlanRetryRequested],
    retries: PLAN_RETRIES,
  },
  async (ctx) => {
    const { event, step, runId, attempt } = ctx;
    const { deps } = ctx;
    let trigger: PlanTrigger;
    if (event.name === "campaign/plan.changes-requested") {
      const d = event.data;
      trigger = { kind: "changes", organizationId: d.organizationId, campaignId: d.campaignId, userId: d.requestedBy, feedback: d.feedback };
    } else if (event.name === "campaign/plan.retry-requested") {
      const d = event.data;
      trigger = { kind: "retry", organizationId: d.organizationId, campaignId: d.campaignId, userId: d.requestedBy };
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
        currency: inputs.currency,
        replacesCampaignId: inputs.replaces?.campaignId,
        previousVersionId: inputs.previousVersionId,
        feedback: inputs.feedback,
      }),
    );
    const campaignId = claim.record.id;
    const claimedBy = claim.record.claimedByRunId;
    if (!claim.claimed) {
      // Someone else holds a live claim, or the version is already decided: either way a plan exists or is coming.
      const reason = claim.record.status === "DRAFT" ? "being planned by another run" : "already planned";
      return { planned: false, reason, campaignId, status: claim.record.status };
    }
    const load = async () => (await getCampaign(deps.db, { organizationId: inputs.organizationId, campaignId }))!;

    if (inputs.currencyProblem) {
      const message = inputs.currencyProblem;
      await step.run("ask-for-budget-currency", async () => markGenerationFailed(deps.db, { record: await load(), failure: { kind: "currency", message }, claimedBy }));
      return { planned: false, reason: "currency needs the owner", campaignId };
    }

    // The brief's places as Facebook geo keys (Graph's targeting search in real mode); never the token.
    const geo = await step.run("resolve-target-places", () =>
      resolveTargetPlaces(deps, { organizationId: inputs.organizationId, userId: inputs.connectionUserId, location: inputs.brief.location }),
    );
    // Usage is keyed by the claiming run, so a "Try again" is billed as the new call it is.
    const dedupeKey = `campaign-plan:${campaignId}:${claimedBy}`;
    const result = await step.run("generate-plan", async () => {
      try {
        return await askModelForPlan(deps.services.llm, {
          geo,
          brief: inputs.brief,
          previous: inputs.previousPlan,
          feedback: inputs.feedback,
          usage: { organizationId: inputs.organizationId, projectId: inputs.projectId, runId, feature: "campaign-plan", dedupeKey },
        });
      } catch (err) {
        // Model down, timeouts: retry with backoff; on the last attempt end in a state the owner can retry
        // from instead of a DRAFT that blocks planning. The error itself stays in the run log.
        if (attempt < PLAN_RETRIES) throw err;
        return { ok: false as const, unreachable: true as const };
      }
    });
    if (!result.ok && "unreachable" in result) {
      await step.run("record-plan-failure", async () => markGenerationFailed(deps.db, { record: await load(), failure: { kind: "error" }, claimedBy }));
      return { planned: false, reason: "planner failed", campaignId };
    }

    if (!result.ok) {
      const violations = result.violations;
      await step.run("surface-rule-violations", async () =>
        markGenerationFailed(deps.db, { record: await load(), failure: { kind: "rules", violations }, claimedBy }),
      );
      return { planned: false, reason: "rules violated", campaignId, violations };
    }

    // The creative studio's latest finished version for this project, when there is one, supplies the ads' words and images.
    const plan = await step.run("use-studio-creative", async () =>
      applyCreativeToPlan(result.plan, await loadChosenCreative(deps.db, { organizationId: inputs.organizationId, projectId: inputs.projectId })),
    );
    const saved = await step.run("save-pending-plan", async () =>
      savePendingPlan(deps.db, {
        record: await load(),
        plan,
        brief: inputs.brief,
        conversion: inputs.conversion,
        replaces: inputs.replaces,
      }),
    );

    await step.run("record-creative-lineage", () => recordPlanLineage(deps.db, { organizationId: inputs.organizationId, campaignId, plan }));

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
          currency: inputs.currency,
          replacesSentence: inputs.replaces ? describeReplacement(inputs.replaces) : undefined,
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
