import { inngest } from "@/inngest/client";
import { campaignPlanApproved, facebookAccountConnected } from "@/inngest/events";
import { approvalEventId } from "@/server/campaigns/approval";
import { resumeAfterReconnect } from "@/server/campaigns/reconnect";

/**
 * A deployment stopped because Facebook refused the login continues once its owner reconnects the same
 * ad account: each one becomes its next attempt (a fresh approval event id) and the deploy function
 * skips whatever it had already created.
 */
export const resumeDeployAfterReconnect = inngest.createFunction(
  { id: "resume-deploy-after-reconnect", triggers: [facebookAccountConnected], retries: 4 },
  async (ctx) => {
    const { event, step } = ctx;
    const { deps } = ctx;
    const { organizationId, userId, adAccountId } = event.data;
    const resumed = await step.run("resume-auth-stopped-deployments", () => resumeAfterReconnect(deps.db, { organizationId, userId, adAccountId }));
    if (resumed.length === 0) return { resumed: [] };
    await step.sendEvent(
      "emit-plan-approved",
      resumed.map((r) =>
        campaignPlanApproved.create(
          {
            organizationId: r.organizationId,
            projectId: r.projectId,
            campaignId: r.id,
            version: r.version,
            approvedBy: r.approvedBy ?? userId,
            adAccountId: r.adAccountId ?? undefined,
            attempt: r.deployAttempts,
          },
          { id: approvalEventId(r) },
        ),
      ),
    );
    return { resumed: resumed.map((r) => r.id) };
  },
);
