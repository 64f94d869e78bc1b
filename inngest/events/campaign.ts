import { eventType } from "inngest";
import { z } from "zod";
import { id, tenant } from "./shared";

const campaignRef = { ...tenant, projectId: id, campaignId: id };

export const campaignPlanGenerated = eventType("campaign/plan.generated", {
  schema: z.object({ ...campaignRef, version: z.number().int().positive() }),
});

export const campaignPlanApproved = eventType("campaign/plan.approved", {
  // adAccountId keys the deploy function's flow control, so one busy account cannot starve the others.
  // attempt: the record's deployAttempts when sent, so a late event of an earlier attempt cannot fail the current one.
  schema: z.object({
    ...campaignRef,
    version: z.number().int().positive(),
    approvedBy: id,
    adAccountId: z.string().optional(),
    attempt: z.number().int().nonnegative().optional(),
  }),
});

/** A member asked to remove what a failed deployment created on Facebook. */
export const campaignCleanupRequested = eventType("campaign/cleanup.requested", {
  schema: z.object({ ...campaignRef, requestedBy: id, adAccountId: z.string().optional() }),
});

export const campaignPlanChangesRequested = eventType("campaign/plan.changes-requested", {
  schema: z.object({
    ...campaignRef,
    version: z.number().int().positive(),
    requestedBy: id,
    feedback: z.string().min(1).max(4000),
  }),
});

export const campaignDeployed = eventType("campaign/deployed", {
  schema: z.object({ ...campaignRef, fbCampaignId: z.string().min(1) }),
});

export const campaignDeployFailed = eventType("campaign/deploy.failed", {
  schema: z.object({
    ...campaignRef,
    failedStep: z.string().min(1),
    error: z.object({
      message: z.string(),
      code: z.number().int().optional(),
      subcode: z.number().int().optional(),
      isTransient: z.boolean().optional(),
    }),
  }),
});

/** The owner pressed "Try again" on a plan that failed; each press carries a fresh event id. */
export const campaignPlanRetryRequested = eventType("campaign/plan.retry-requested", {
  schema: z.object({ ...campaignRef, requestedBy: id }),
});
