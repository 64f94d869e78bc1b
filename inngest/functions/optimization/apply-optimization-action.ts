import { RetryAfterError } from "inngest";
import { inngest } from "@/inngest/client";
import {
  campaignPlanChangesRequested,
  optimizationActionApplied,
  optimizationActionApplyRequested,
  optimizationActionApproved,
  optimizationActionNotApplied,
} from "@/inngest/events";
import { AD_ACCOUNT_CONCURRENCY } from "@/inngest/flow-control";
import { DEFAULT_RATE_LIMIT_WAIT_MS } from "@/server/campaigns/deploy/graph-errors";
import { applyAction, failStuckApply, recordPlanChangeSent, type ApplyResult } from "@/server/optimization/apply";
import { GraphApiError } from "@/server/services/facebook/types";
import { blockActionWhilePaused } from "@/server/webhooks/paused-account-refusals";

const NOT_APPLIED = new Set(["CONFLICT", "BLOCKED", "FAILED", "EXPIRED", "REJECTED"] as const);
type NotApplied = typeof NOT_APPLIED extends Set<infer T> ? T : never;

/** Graph throttles wait as long as Graph asked; other errors take the normal backoff. */
const retryable = (error: unknown) =>
  error instanceof GraphApiError && error.kind === "rate-limit"
    ? new RetryAfterError(error.message, error.details.retryAfterMs ?? DEFAULT_RATE_LIMIT_WAIT_MS)
    : error;

/**
 * Applies one ledger action (autonomous, or approved by a member) as a compare-and-set against
 * Facebook. Shares the per-ad-account queue with deploys and cleanups, so nothing else writes to the
 * account meanwhile. The step is safe to repeat: writes already on Facebook are found and skipped.
 */
export const applyOptimizationAction = inngest.createFunction(
  {
    id: "apply-optimization-action",
    // The approval itself starts the apply: the waiter's card is posted before its wait begins, so an
    // owner quicker than that step would otherwise wait for the reminder. The waiter's own request
    // after it sees the approval finds the action APPLIED and does nothing.
    triggers: [optimizationActionApplyRequested, optimizationActionApproved],
    concurrency: [AD_ACCOUNT_CONCURRENCY],
    throttle: { key: "event.data.adAccountId", limit: 5, period: "1m" },
    retries: 6,
    // A run that kept failing leaves no action stuck in APPLYING: FAILED, with a plain reason.
    onFailure: async ({ event, step, deps }) => {
      const { organizationId, actionId } = event.data.event.data;
      return step.run("record-apply-crashed", () => failStuckApply(deps, { organizationId, actionId }));
    },
  },
  async (ctx) => {
    const { event, step, deps, runId } = ctx;
    const { organizationId, projectId, campaignId, actionId, adAccountId } = event.data;
    const ref = { organizationId, projectId, campaignId, actionId, adAccountId };

    // Facebook stopped the ad account: BLOCKED with the reason, and nothing read or written there.
    const blocked = await step.run("check-account-standing", () => blockActionWhilePaused(deps, { organizationId, actionId, runKey: runId }));
    let result: ApplyResult =
      blocked ??
      (await step.run("apply-action", () =>
        applyAction(deps, { organizationId, actionId, runKey: runId }).catch((error: unknown) => {
          throw retryable(error);
        }),
      ));
    if (result.status === "APPLYING" && "planChange" in result) {
      const { planChange } = result;
      await step.sendEvent(
        "request-plan-change",
        campaignPlanChangesRequested.create(
          {
            organizationId: planChange.organizationId,
            projectId: planChange.projectId,
            campaignId: planChange.campaignId,
            version: planChange.version,
            requestedBy: planChange.requestedBy,
            feedback: planChange.feedback,
          },
          { id: `action-plan-change-${actionId}` },
        ),
      );
      result = await step.run("record-plan-change-sent", () => recordPlanChangeSent(deps, { organizationId, actionId }));
    }

    if (result.status === "APPLIED") {
      await step.sendEvent("emit-action-applied", optimizationActionApplied.create(ref, { id: `action-applied-${actionId}` }));
    } else if (NOT_APPLIED.has(result.status as NotApplied)) {
      await step.sendEvent(
        "emit-action-not-applied",
        optimizationActionNotApplied.create({ ...ref, status: result.status as NotApplied }, { id: `action-not-applied-${actionId}` }),
      );
    }
    return { status: result.status };
  },
);
