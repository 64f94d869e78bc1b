import { and, eq, inArray } from "drizzle-orm";
import type { Deps } from "@/server/deps";
import { campaignRecords, type DeployErrorRecord } from "@/server/db/schema";
import { isOrgMember } from "./approval";
import { notifyCampaignUser } from "./notify";
import { campaignPlanSchema } from "./plan-schema";
import { postCampaignMessage } from "./records";

export interface CurrentAttempt {
  organizationId: string;
  campaignId: string;
  version: number;
  approvedBy: string;
  attempt?: number;
}

/**
 * Ends a deploy attempt that stopped before it could record its own failure: DEPLOY_FAILED (so Resume
 * starts a new attempt with a new event id) and a message in plain words. Only the current attempt's own
 * event does this (same version, approver and attempt, compared in the UPDATE): a stale or forged event
 * changes nothing on a campaign that may be deploying fine.
 */
export async function recordDeployStopped(deps: Deps, opts: CurrentAttempt & { message: (version: number) => string; step: string; kind: DeployErrorRecord["kind"] }) {
  const matchesAttempt = opts.attempt === undefined ? undefined : eq(campaignRecords.deployAttempts, opts.attempt);
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(campaignRecords)
      .where(and(eq(campaignRecords.id, opts.campaignId), eq(campaignRecords.organizationId, opts.organizationId)));
    if (!row) return { recorded: false as const };
    const message = opts.message(row.version);
    const error: DeployErrorRecord = { step: opts.step, message, kind: opts.kind };
    const [updated] = await tx
      .update(campaignRecords)
      .set({ status: "DEPLOY_FAILED", lastError: error })
      .where(
        and(
          eq(campaignRecords.id, row.id),
          inArray(campaignRecords.status, ["APPROVED", "DEPLOYING"]),
          eq(campaignRecords.version, opts.version),
          eq(campaignRecords.approvedBy, opts.approvedBy),
          matchesAttempt,
        ),
      )
      .returning();
    if (!updated) return { recorded: false as const };
    if (updated.conversationId) {
      await postCampaignMessage(tx, {
        organizationId: updated.organizationId,
        conversationId: updated.conversationId,
        type: "AGENT_ACTION",
        content: message,
        metadata: { kind: "campaign-deploy-failed", campaignId: updated.id, attempt: updated.deployAttempts, error, actions: ["resume"] },
      });
    }
    return { recorded: true as const, attempt: updated.deployAttempts, message };
  });
}

/** The deploy's approval re-check said no: the campaign must not stay APPROVED in silence. */
export function recordDeployRefused(deps: Deps, opts: CurrentAttempt & { reason: string }) {
  return recordDeployStopped(deps, {
    ...opts,
    step: "verify-approval",
    kind: "refused",
    message: (version) =>
      `I did not launch version ${version}: its approval could not be confirmed (${opts.reason}). ` +
      "Nothing was sent to Facebook. Press Resume to approve it again and launch, or ask for a new plan.",
  });
}

/**
 * The run failed somewhere its own error handling could not record (the engine's onFailure). Without
 * this the campaign would stay APPROVED/DEPLOYING and Resume would refuse ("already running") for ever.
 * Events without an attempt number (sent before attempts were carried) are left alone.
 */
export function recordDeployCrashed(deps: Deps, opts: CurrentAttempt & { attempt: number }) {
  return recordDeployStopped(deps, {
    ...opts,
    step: "deploy",
    kind: "transient",
    message: () => "The launch stopped unexpectedly before it finished. Nothing new is spending money. Press Resume to try again.",
  });
}

/**
 * Tells the plan's owner in the bell. Not the recorded approver: a refusal can mean that person left the
 * organization, and they must not hear about its campaigns any more.
 */
export async function notifyDeployRefused(deps: Deps, opts: { organizationId: string; campaignId: string; attempt: number; message: string }) {
  const [record] = await deps.db
    .select()
    .from(campaignRecords)
    .where(and(eq(campaignRecords.id, opts.campaignId), eq(campaignRecords.organizationId, opts.organizationId)));
  const userId = record?.ownerUserId;
  if (!record || !userId || !(await isOrgMember(deps.db, { organizationId: record.organizationId, userId }))) return { notification: null };
  const name = campaignPlanSchema.parse(record.structure).name;
  const notification = await notifyCampaignUser(deps, {
    record,
    userId,
    type: "DEPLOY_FAILED",
    title: `${name} was not launched`,
    body: opts.message,
    dedupeKey: `deploy-refused:${record.id}:a${opts.attempt}`,
  });
  return { notification };
}
