import { eventType } from "inngest";
import { z } from "zod";
import { id, tenant } from "./shared";

const actionRef = {
  ...tenant,
  projectId: id,
  campaignId: id,
  actionId: id,
  // Keys the per-ad-account flow control of the apply function.
  adAccountId: z.string().min(1),
};

/** A ledger row was written: autonomous ones go straight to apply, others wait for the owner. */
export const optimizationActionProposed = eventType("optimization/action.proposed", {
  schema: z.object({ ...actionRef, requiresApproval: z.boolean() }),
});

/** A member approved the action card; the apply re-checks the policy. */
export const optimizationActionApproved = eventType("optimization/action.approved", {
  schema: z.object({ ...actionRef, approvedBy: id }),
});

export const optimizationActionDismissed = eventType("optimization/action.dismissed", {
  schema: z.object({ ...actionRef, dismissedBy: id }),
});

/** Apply this action now (autonomous, or approved): compare-and-set against Facebook's live values. */
export const optimizationActionApplyRequested = eventType("optimization/action.apply-requested", {
  schema: z.object({ ...actionRef }),
});

export const optimizationActionApplied = eventType("optimization/action.applied", {
  schema: z.object({ ...actionRef }),
});

/** Applying stopped: the live value differed from "before" (conflict), or policy refused it at apply time. */
export const optimizationActionNotApplied = eventType("optimization/action.not-applied", {
  schema: z.object({ ...actionRef, status: z.enum(["CONFLICT", "BLOCKED", "FAILED", "EXPIRED", "REJECTED"]) }),
});
