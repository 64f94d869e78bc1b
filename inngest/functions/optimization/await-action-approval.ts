import { durationToMs } from "inngest";
import { env } from "@/env";
import { inngest } from "@/inngest/client";
import {
  optimizationActionApplyRequested,
  optimizationActionApproved,
  optimizationActionDismissed,
  optimizationActionProposed,
} from "@/inngest/events";
import { expireAction } from "@/server/optimization/approval";
import { actionStatus, emailApprovalNeeded, notifyApprovalNeeded, postApprovalCard } from "@/server/optimization/approval-notify";
import { notificationCreatedEvent } from "@/server/notifications/events";

/**
 * Routes a new ledger action: an autonomous one straight to apply; one that needs a person gets its
 * card, a notification and an email, then waits for Approve or Dismiss with a reminder and an expiry,
 * as plan approval does. Only the approve route (a member's session) moves it to APPROVED; its event
 * starts the apply directly. This function requests an apply only when it finds APPROVED in the
 * database without having seen the event (sent before the wait began, or lost after the commit).
 */
export const awaitActionApproval = inngest.createFunction(
  {
    id: "await-action-approval",
    triggers: [optimizationActionProposed],
    // A dismissal ends the wait; the route has already recorded it (REJECTED) and refreshed the card.
    cancelOn: [{ event: optimizationActionDismissed, match: "data.actionId" }],
  },
  async (ctx) => {
    const { event, step, deps } = ctx;
    const { organizationId, projectId, campaignId, actionId, adAccountId, requiresApproval } = event.data;
    const ref = { organizationId, projectId, campaignId, actionId, adAccountId };
    const applyRequested = () =>
      step.sendEvent("request-apply", optimizationActionApplyRequested.create(ref, { id: `action-apply-${actionId}` }));

    if (!requiresApproval) {
      await applyRequested();
      return { outcome: "autonomous" };
    }

    await step.run("post-action-card", () => postApprovalCard(deps, { organizationId, actionId }));
    const notification = await step.run("notify-approval-needed", () => notifyApprovalNeeded(deps, { organizationId, actionId }));
    if (notification) await step.sendEvent("emit-notification-created", notificationCreatedEvent(notification));
    await step.run("email-approval-needed", () => emailApprovalNeeded(deps, { organizationId, actionId, reminder: false }));

    const { OPTIMIZATION_REMINDER_AFTER, OPTIMIZATION_APPROVAL_TIMEOUT } = env();
    const remainingMs = Math.max(1000, durationToMs(OPTIMIZATION_APPROVAL_TIMEOUT) - durationToMs(OPTIMIZATION_REMINDER_AFTER));
    const approved = await step.waitForEvent("wait-for-approval", {
      event: optimizationActionApproved,
      match: "data.actionId",
      timeout: OPTIMIZATION_REMINDER_AFTER,
    });
    // The approval event starts apply-optimization-action itself.
    if (approved) return { outcome: "approved" };

    // An approval sent before the wait began is not seen by it: the database has the last word.
    const reminder = await step.run("remind-approver", async () => {
      const status = await actionStatus(deps, { organizationId, actionId });
      if (status === "AWAITING_APPROVAL") await emailApprovalNeeded(deps, { organizationId, actionId, reminder: true });
      return { status };
    });
    if (reminder.status === "APPROVED") {
      await applyRequested();
      return { outcome: "approved" };
    }
    if (reminder.status !== "AWAITING_APPROVAL") return { outcome: "decided-elsewhere" };

    const late = await step.waitForEvent("wait-for-approval-after-reminder", {
      event: optimizationActionApproved,
      match: "data.actionId",
      timeout: remainingMs,
    });
    if (late) return { outcome: "approved" };
    const expiry = await step.run("expire-action", async () => {
      const { expired } = await expireAction(deps, { organizationId, actionId });
      return { expired, status: expired ? "EXPIRED" : await actionStatus(deps, { organizationId, actionId }) };
    });
    if (expiry.status === "APPROVED") {
      await applyRequested();
      return { outcome: "approved" };
    }
    return { outcome: expiry.expired ? "expired" : "decided-elsewhere" };
  },
);
