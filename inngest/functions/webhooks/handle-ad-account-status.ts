import { inngest } from "@/inngest/client";
import { adAccountAutomationPaused, adAccountAutomationResumed, facebookWebhookReceived } from "@/inngest/events";
import { notificationCreatedEvent } from "@/server/notifications/events";
import { readAccountStanding } from "@/server/webhooks/account-status";
import { emailStandingChange, loadChangeNotifications } from "@/server/webhooks/account-standing-notify";
import { recordStandingForAccount } from "@/server/webhooks/ad-account-states";

/**
 * Facebook says an ad account's standing changed (the `ad_account` object's `account_status` field, or
 * the application topic's `ad_account` field). For every organization using the account: automation
 * PAUSED while it is disabled, unsettled or closed, RUNNING again once it is active, and the owner told
 * once per change (message, notification, email). What follows the recording step is driven by the
 * notifications it wrote, so a retry or a racing copy of the change tells nobody twice.
 */
export const handleAdAccountStatus = inngest.createFunction(
  {
    id: "webhooks-handle-ad-account-status",
    triggers: [{ event: facebookWebhookReceived, if: "event.data.field == 'account_status' || event.data.field == 'ad_account'" }],
    retries: 4,
  },
  async ({ event, step, deps, logger }) => {
    const standing = readAccountStanding(event.data);
    if ("unusable" in standing) {
      // Odd values are Facebook's (or a sender's) business: acknowledge, say why, change nothing.
      logger.warn(`Ad account status change ${event.data.changeId} ignored: ${standing.unusable}`);
      return { ignored: standing.unusable };
    }
    const reportedAt = new Date(event.data.time * 1000);
    const recorded = await step.run("record-standing", () => recordStandingForAccount(deps.db, { standing, reportedAt }));
    if (recorded.length === 0) {
      logger.info(`Ad account status change ${event.data.changeId}: no organization uses this account`);
      return { ignored: "no organization uses this ad account" };
    }

    const told = await step.run("load-told", () => loadChangeNotifications(deps, { standing, reportedAt }));
    if (told.length === 0) return { recorded };
    await step.sendEvent("announce-notifications", told.map(notificationCreatedEvent));
    await step.run("email-told", async () => {
      const sent = [];
      for (const n of told) sent.push(await emailStandingChange(deps, { notificationId: n.id, standing }));
      return sent;
    });

    const organizationIds = [...new Set(told.map((n) => n.organizationId))];
    const { adAccountId } = standing;
    const at = event.data.time;
    await step.sendEvent(
      "emit-automation-outcome",
      organizationIds.map((organizationId) =>
        standing.automation === "PAUSED"
          ? adAccountAutomationPaused.create(
              { organizationId, adAccountId, facebookStatus: standing.status, reason: standing.reason },
              { id: `ad-account-paused-${organizationId}-${adAccountId}-${at}-${standing.code}` },
            )
          : adAccountAutomationResumed.create({ organizationId, adAccountId }, { id: `ad-account-resumed-${organizationId}-${adAccountId}-${at}-${standing.code}` }),
      ),
    );
    return { recorded, told: told.length };
  },
);
