import { getCampaign } from "@/server/campaigns/records";
import { notifyDeployRefused, recordDeployStopped, type CurrentAttempt } from "@/server/campaigns/deploy-refusal";
import type { Deps } from "@/server/deps";
import type { Db } from "@/server/db";
import { claimForApply } from "@/server/optimization/apply-claim";
import { finishApply, type ApplyResult } from "@/server/optimization/apply-record";
import { getAction } from "@/server/optimization/ledger";
import { accountNow } from "@/server/performance/account-clock";
import { automationPausedFor } from "./automation-guard";

const PAUSED_STEP = "account-paused";

/** Why this campaign's ad account takes no launch now (read from the stored record, not the event), or null. */
export async function deployPausedFor(db: Db, opts: { organizationId: string; campaignId: string }): Promise<string | null> {
  const record = await getCampaign(db, opts);
  return record ? automationPausedFor(db, { organizationId: opts.organizationId, adAccountId: record.adAccountId }) : null;
}

/**
 * The deploy stops before its first Facebook call: DEPLOY_FAILED with the reason and a Resume button
 * (Resume starts a new attempt, which asks again), and the owner's bell. Safe to repeat: the bell is
 * keyed by attempt and is rung from what the record says, so a retry after the write still rings it.
 */
export async function recordDeployAccountPaused(deps: Deps, opts: CurrentAttempt & { reason: string }) {
  await recordDeployStopped(deps, {
    ...opts,
    step: PAUSED_STEP,
    kind: "refused",
    message: (version) =>
      `I did not launch version ${version}. ${opts.reason} Nothing was sent to Facebook. When the account is running again, press Resume to launch it.`,
  });
  const record = await getCampaign(deps.db, opts);
  if (record?.status !== "DEPLOY_FAILED" || record.lastError?.step !== PAUSED_STEP) return { notification: null };
  return notifyDeployRefused(deps, { organizationId: opts.organizationId, campaignId: opts.campaignId, attempt: record.deployAttempts, message: record.lastError.message });
}

/**
 * An action on a paused account ends BLOCKED with the reason, through the ledger's own transitions
 * (claimed for this run, then finished), so nothing is written to Facebook. Null when the account is
 * not paused (or the action is not for applying): the apply goes on as usual.
 */
export async function blockActionWhilePaused(deps: Deps, opts: { organizationId: string; actionId: string; runKey: string }): Promise<ApplyResult | null> {
  const action = await getAction(deps.db, opts);
  if (!action) return null;
  const reason = await automationPausedFor(deps.db, { organizationId: action.organizationId, adAccountId: action.adAccountId });
  if (!reason) return null;
  const claimed = await claimForApply(deps.db, action, { runKey: opts.runKey });
  if (!claimed) return null;
  return finishApply(deps.db, { action: claimed, status: "BLOCKED", outcome: `Nothing was changed. ${reason}`, now: await accountNow(deps, claimed.adAccountId) });
}
