import { isOrgMember, type Actor } from "@/server/campaigns/approval";
import type { Deps } from "@/server/deps";
import { accountNow } from "@/server/performance/account-clock";
import { refreshActionCard } from "./action-card";
import { getAction, transitionAction, type OptimizationAction } from "./ledger";

export type ActionDecision =
  | { ok: true; action: OptimizationAction }
  | { ok: false; status: 404 | 409; message: string };

/** Why an action can no longer be approved or dismissed, in words the owner can act on. */
export function explainNotAwaiting(a: Pick<OptimizationAction, "status">): string {
  switch (a.status) {
    case "APPROVED":
    case "APPLYING":
    case "APPLIED":
      return "This change was already approved.";
    case "REJECTED":
      return "This change was already dismissed.";
    case "EXPIRED":
    case "AWAITING_APPROVAL":
      return "This suggestion expired without an answer; the agency will suggest again if it still makes sense.";
    default:
      return `This change is not waiting for your approval (it is ${a.status.toLowerCase().replace("_", " ")}).`;
  }
}

/**
 * A member's decision on an action card: compare-and-set from AWAITING_APPROVAL while it has not
 * expired on the account's clock, so of two clicks (two tabs, two people) exactly one counts. The card
 * is refreshed in the same transaction. Another organization's action is "not found".
 */
async function decide(
  deps: Deps,
  opts: { actionId: string; actor: Actor; to: "APPROVED" | "REJECTED" },
): Promise<ActionDecision> {
  const { db } = deps;
  const found = await getAction(db, { organizationId: opts.actor.organizationId, actionId: opts.actionId });
  if (!found || !(await isOrgMember(db, opts.actor))) return { ok: false, status: 404, message: "Action not found" };
  const now = await accountNow(deps, found.adAccountId);
  if (found.status === "AWAITING_APPROVAL" && found.expiresAt && found.expiresAt <= now) {
    await expireAction(deps, { organizationId: found.organizationId, actionId: found.id });
    return { ok: false, status: 409, message: explainNotAwaiting({ status: "EXPIRED" }) };
  }
  return db.transaction(async (tx) => {
    const row = await transitionAction(tx, {
      organizationId: opts.actor.organizationId,
      actionId: found.id,
      from: "AWAITING_APPROVAL",
      to: opts.to,
      set: { decidedBy: opts.actor.userId, decidedAt: now },
    });
    if (!row) {
      const current = (await getAction(tx, { organizationId: found.organizationId, actionId: found.id })) ?? found;
      return { ok: false as const, status: 409 as const, message: explainNotAwaiting(current) };
    }
    await refreshActionCard(tx, row);
    return { ok: true as const, action: row };
  });
}

export const approveAction = (deps: Deps, opts: { actionId: string; actor: Actor }) => decide(deps, { ...opts, to: "APPROVED" });
export const dismissAction = (deps: Deps, opts: { actionId: string; actor: Actor }) => decide(deps, { ...opts, to: "REJECTED" });

/** Nobody answered in time: EXPIRED (compare-and-set, so a decision made meanwhile stands) and the card says so. */
export async function expireAction(deps: Deps, opts: { organizationId: string; actionId: string }): Promise<{ expired: boolean }> {
  return deps.db.transaction(async (tx) => {
    const row = await transitionAction(tx, {
      ...opts,
      from: "AWAITING_APPROVAL",
      to: "EXPIRED",
      set: { outcome: "Nobody answered in time, so nothing was changed." },
    });
    if (row) await refreshActionCard(tx, row);
    return { expired: Boolean(row) };
  });
}

/** Event ids: one approval or dismissal per action, so a retried request cannot start a second run. */
export const actionApprovedEventId = (actionId: string) => `action-approved-${actionId}`;
export const actionDismissedEventId = (actionId: string) => `action-dismissed-${actionId}`;
