import { campaignPlanApproved } from "@/inngest/events";
import { sendAfterCommit } from "@/inngest/send-after-commit";
import type { Viewer } from "@/server/auth/session";
import { approvalEventId } from "@/server/campaigns/approval";
import type { CampaignRecord } from "@/server/campaigns/records";

/**
 * Starts (or re-starts) the deployment of an approved version. Approve and resume send the same
 * event with the same id for a given attempt, naming the recorded approver: the deploy function
 * re-checks that approval row before touching Facebook, whoever pressed the button.
 */
export function emitPlanApproved(record: CampaignRecord, viewer: Viewer) {
  return sendAfterCommit(
    campaignPlanApproved.create(
      {
        organizationId: record.organizationId,
        projectId: record.projectId,
        campaignId: record.id,
        version: record.version,
        approvedBy: record.approvedBy ?? viewer.userId,
        adAccountId: record.adAccountId ?? undefined,
        attempt: record.deployAttempts,
      },
      { id: approvalEventId(record) },
    ),
  );
}

export const ENGINE_UNREACHABLE =
  "Saved, but the deployment engine could not be reached. Nothing was sent to Facebook yet: press Resume to start it.";
