import { campaignUrl, emailCampaignUser, loadProjectName, notifyCampaignUser } from "@/server/campaigns/notify";
import { getCampaign } from "@/server/campaigns/records";
import type { Deps } from "@/server/deps";
import { actionTitle, upsertActionCard } from "./action-card";
import { getAction, type OptimizationAction } from "./ledger";

type Ref = { organizationId: string; actionId: string };

async function load(deps: Deps, ref: Ref) {
  const action = await getAction(deps.db, ref);
  const record = action ? await getCampaign(deps.db, { organizationId: action.organizationId, campaignId: action.campaignId }) : null;
  return action && record ? { action, record } : null;
}

/**
 * Posts the action card (Approve / Dismiss) in the campaign conversation; a retried step refreshes the
 * same card instead of adding one. The card shows the status the action has now.
 */
export async function postApprovalCard(deps: Deps, ref: Ref): Promise<{ messageId: string | null }> {
  return deps.db.transaction(async (tx) => {
    const action = await getAction(tx, ref);
    if (!action) return { messageId: null };
    return { messageId: (await upsertActionCard(tx, action)).messageId };
  });
}

/** The bell entry for the owner (once per action); returns what `notification/created` needs, or null. */
export async function notifyApprovalNeeded(deps: Deps, ref: Ref) {
  const found = await load(deps, ref);
  if (!found?.record.ownerUserId) return null;
  const { action, record } = found;
  return notifyCampaignUser(deps, {
    record,
    userId: record.ownerUserId!,
    type: "APPROVAL_NEEDED",
    title: "The agency suggests a change",
    body: `${actionTitle(action)}. Approve or dismiss it in the campaign conversation.`,
    dedupeKey: `action-approval-needed:${action.id}`,
    anchor: `action-${action.id}`,
  });
}

/**
 * Emails the owner about a pending action: first when proposed, again as a reminder. Only while it
 * still awaits a decision; the idempotency key per action (and per kind of email) makes a retry send once.
 */
export async function emailApprovalNeeded(deps: Deps, ref: Ref & { reminder: boolean }) {
  const found = await load(deps, ref);
  const ownerUserId = found?.record.ownerUserId;
  if (!found || !ownerUserId) return { sent: false as const, reason: "no owner" };
  const { action, record } = found;
  if (action.status !== "AWAITING_APPROVAL") return { sent: false as const, reason: `status is ${action.status}` };
  return emailCampaignUser(deps, {
    record,
    userId: ownerUserId,
    template: "action-approval-needed",
    props: {
      projectName: await loadProjectName(deps, record.projectId),
      title: actionTitle(action),
      reason: action.reason,
      projectedEffect: action.projectedEffect ?? undefined,
      approveUrl: campaignUrl(record),
      expiresAt: (action.expiresAt ?? new Date()).toISOString(),
      reminder: ref.reminder,
    },
    idempotencyKey: `${ref.reminder ? "action-approval-reminder" : "action-approval-needed"}:${action.id}`,
  });
}

/** The action's status now (the reminder and expiry steps act on the database, not on the events seen). */
export async function actionStatus(deps: Deps, ref: Ref): Promise<OptimizationAction["status"] | null> {
  return (await getAction(deps.db, ref))?.status ?? null;
}
