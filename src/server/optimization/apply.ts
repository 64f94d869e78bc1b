import { isOrgMember } from "@/server/campaigns/approval";
import { getCampaign } from "@/server/campaigns/records";
import type { Deps } from "@/server/deps";
import { getActiveConnection } from "@/server/facebook/connections";
import { accountNow } from "@/server/performance/account-clock";
import { accountTimezone } from "@/server/performance/account-timezone";
import { GraphApiError, type AdAccountContext } from "@/server/services/facebook/types";
import { claimForApply } from "./apply-claim";
import { holdRefusal } from "./apply-holds";
import { compareLive, describeWrites, type Write } from "./apply-compare";
import { loadMovedToday, loadTotalDailyBudget, recheckPolicy } from "./apply-policy";
import { finishApply, planChangeRequest, type ApplyResult, type PlanChange } from "./apply-record";
import { getAction, type OptimizationAction } from "./ledger";
import { loadAutonomyPolicy } from "./policy";

export type { ApplyResult, PlanChange };

const FINAL = new Set<OptimizationAction["status"]>(["APPLIED", "CONFLICT", "FAILED", "BLOCKED", "REJECTED", "EXPIRED", "DRY_RUN"]);
const PLAN_CHANGE_KINDS = new Set<OptimizationAction["kind"]>(["LAUNCH_CAMPAIGN", "CHANGE_AUDIENCE"]);

/** Why this action may not run now (policy as it stands, or an approver who left), or null. */
async function refusal(deps: Deps, a: OptimizationAction, now: Date): Promise<string | null> {
  if (a.requiresApproval && !(a.decidedBy && (await isOrgMember(deps.db, { organizationId: a.organizationId, userId: a.decidedBy })))) {
    return "The person who approved this is no longer a member of your organization, so nothing was changed.";
  }
  const policy = await loadAutonomyPolicy(deps.db, a.organizationId);
  const timeZone = await accountTimezone(deps.db, { organizationId: a.organizationId, adAccountId: a.adAccountId });
  return recheckPolicy({
    action: a,
    policy,
    totalDailyBudgetCents: await loadTotalDailyBudget(deps.db, a),
    movedTodayCents: a.requiresApproval ? 0 : await loadMovedToday(deps.db, { organizationId: a.organizationId, excludeId: a.id, now, timeZone }),
  });
}

async function facebookContext(deps: Deps, a: OptimizationAction): Promise<AdAccountContext | string> {
  const campaign = await getCampaign(deps.db, { organizationId: a.organizationId, campaignId: a.campaignId });
  // Turning a paused campaign back on is the one change made to a campaign that is not running.
  const runnable = campaign?.status === "ACTIVE" || (a.kind === "RESUME_CAMPAIGN" && campaign?.status === "PAUSED");
  if (!campaign || !runnable) {
    return `The campaign is no longer running (${campaign ? campaign.status.toLowerCase().replace("_", " ") : "removed"}), so nothing was changed.`;
  }
  const conn = campaign.connectionUserId
    ? await getActiveConnection(deps.db, { organizationId: a.organizationId, userId: campaign.connectionUserId })
    : null;
  if (!conn) return "The Facebook connection that runs this campaign is not active; reconnect Facebook and the agency will look again.";
  // The objects live in the campaign's ad account, whichever account the login has selected now.
  return { accessToken: conn.accessToken, adAccountId: a.adAccountId };
}

/** Every object the action reads or writes: the ones it names and the ones its before/after values cover. */
const touchedIds = (a: OptimizationAction) => [
  ...new Set([
    ...a.objectIds,
    ...Object.keys(a.before.statuses ?? {}),
    ...Object.keys(a.after.statuses ?? {}),
    ...Object.keys(a.before.dailyBudgets ?? {}),
    ...Object.keys(a.after.dailyBudgets ?? {}),
  ]),
];

/**
 * What the hold check covers. The owner's approved request to turn the campaign back on is the
 * explicit "on" a person's pause in Ads Manager waits for: the campaign itself is exempt (its ad sets
 * and ads, which it does not touch, stay as they are). Every other action respects every hold.
 */
const heldCheckIds = (a: OptimizationAction) =>
  a.kind === "RESUME_CAMPAIGN" && a.rule === "owner-request" && a.requiresApproval && a.decidedBy
    ? touchedIds(a).filter((id) => id !== a.objectId)
    : touchedIds(a);

/** Live values, or why they cannot be read: an object gone from Facebook, or a login Facebook refuses. */
async function readLive(deps: Deps, ctx: AdAccountContext, a: OptimizationAction) {
  try {
    return await deps.services.facebook.readObjects(ctx, touchedIds(a));
  } catch (error) {
    if (!(error instanceof GraphApiError) || error.kind === "rate-limit" || error.kind === "transient") throw error;
    const refused =
      error.kind === "auth"
        ? { status: "FAILED" as const, outcome: "Facebook refused the login that runs this campaign; reconnect Facebook and the agency will look again." }
        : { status: "CONFLICT" as const, outcome: "Something this change touches no longer exists on Facebook (deleted or moved), so nothing was changed." };
    return { refused };
  }
}

async function write(deps: Deps, ctx: AdAccountContext, w: Write): Promise<void> {
  const fb = deps.services.facebook;
  if (w.field === "status") await fb.updateStatus(ctx, w.objectId, w.value);
  else await fb.updateDailyBudget(ctx, w.objectId, w.value);
}

/**
 * Applies one action as a compare-and-set against Facebook: re-check the policy as it stands now,
 * re-read the live values, then write only what still reads "before" (writes already at "after" are
 * an earlier attempt's, skipped), and record APPLIED with before/after. A value someone changed
 * elsewhere stops everything (CONFLICT). Rerunning it converges: nothing is written twice. One run
 * at a time holds the action (`runKey`, the Inngest run id: its retries carry on, other runs wait).
 * Rate limits and transient Graph errors are thrown for the step to retry.
 */
export async function applyAction(deps: Deps, opts: { organizationId: string; actionId: string; runKey: string }): Promise<ApplyResult> {
  const found = await getAction(deps.db, opts);
  if (!found) return { status: "SKIPPED", reason: "not found" };
  if (FINAL.has(found.status)) return { status: found.status, outcome: found.outcome ?? "", alreadyFinal: true };
  const action = await claimForApply(deps.db, found, { runKey: opts.runKey });
  if (!action) return { status: "SKIPPED", reason: `status is ${found.status}` };
  const now = await accountNow(deps, action.adAccountId);
  const finish = (status: "APPLIED" | "CONFLICT" | "BLOCKED" | "FAILED", outcome: string) =>
    finishApply(deps.db, { action, status, outcome, now });

  if (PLAN_CHANGE_KINDS.has(action.kind)) {
    const refused = await refusal(deps, action, now);
    if (refused) return finish("BLOCKED", refused);
    return planChangeRequest(deps.db, action, now);
  }

  const ctx = await facebookContext(deps, action);
  if (typeof ctx === "string") return finish("CONFLICT", ctx);
  const held = await holdRefusal(deps.db, action, heldCheckIds(action));
  if (held) return finish("CONFLICT", held);
  const live = await readLive(deps, ctx, action);
  if ("refused" in live) return finish(live.refused.status, live.refused.outcome);
  const compared = compareLive({ ...action, live });
  if (compared.kind === "ready" && compared.writes.length === 0) {
    return finish("APPLIED", "Facebook already shows this change (an earlier attempt made it); recorded as done.");
  }
  const refused = await refusal(deps, action, now);
  if (refused) return finish("BLOCKED", refused);
  if (compared.kind === "conflict") return finish("CONFLICT", compared.message);

  const done: Write[] = [];
  for (const w of compared.writes) {
    try {
      await write(deps, ctx, w);
      done.push(w);
    } catch (error) {
      if (!(error instanceof GraphApiError) || error.kind === "rate-limit" || error.kind === "transient") throw error;
      const partly = done.length ? ` Already changed before it stopped: ${describeWrites(done, action)}.` : "";
      const why = error.kind === "auth" ? "the Facebook login has expired; reconnect Facebook" : error.details.userMessage ?? error.message;
      return finish("FAILED", `Facebook refused the change: ${why}.${partly}`);
    }
  }
  return finish("APPLIED", `Done: ${describeWrites(compared.writes, action)}.`);
}

/** The plan change request of an approved LAUNCH_CAMPAIGN / CHANGE_AUDIENCE was sent: the action is APPLIED. */
export async function recordPlanChangeSent(deps: Deps, opts: { organizationId: string; actionId: string }): Promise<ApplyResult> {
  const action = await getAction(deps.db, opts);
  if (!action) return { status: "SKIPPED", reason: "not found" };
  if (action.status !== "APPLYING") return { status: action.status, outcome: action.outcome ?? "", alreadyFinal: true };
  return finishApply(deps.db, {
    action,
    status: "APPLIED",
    outcome: "Asked for a new version of the plan; it appears in this conversation for your approval.",
    now: await accountNow(deps, action.adAccountId),
  });
}

/** The apply function gave up (retries spent): an action left APPLYING becomes FAILED, saying what may have changed. */
export async function failStuckApply(deps: Deps, opts: { organizationId: string; actionId: string }): Promise<ApplyResult> {
  const action = await getAction(deps.db, opts);
  if (!action || action.status !== "APPLYING") return { status: "SKIPPED", reason: "not applying" };
  return finishApply(deps.db, {
    action,
    status: "FAILED",
    outcome: "Facebook kept failing while the agency made this change, so it stopped; part of it may already show on Facebook.",
    now: await accountNow(deps, action.adAccountId),
  });
}
