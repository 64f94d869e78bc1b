import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/server/db";
import { campaignRecords, messages, type DeployErrorRecord } from "@/server/db/schema";
import { getCampaign, postCampaignMessage } from "../records";

async function hasMessage(db: Db, opts: { conversationId: string; kind: string; campaignId: string; attempt: number }) {
  const [row] = await db
    .select({ id: messages.id })
    .from(messages)
    .where(
      and(
        eq(messages.conversationId, opts.conversationId),
        sql`${messages.metadata}->>'kind' = ${opts.kind}`,
        sql`${messages.metadata}->>'campaignId' = ${opts.campaignId}`,
        sql`(${messages.metadata}->>'attempt')::int = ${opts.attempt}`,
      ),
    );
  return Boolean(row);
}

/**
 * Records a stopped deployment: DEPLOY_FAILED, the failing step and Graph's error, and a message that
 * offers the two ways forward (resume keeps what was created; clean up removes it).
 */
export async function markDeployFailed(
  db: Db,
  opts: { organizationId: string; campaignId: string; failedStep: string; message: string },
): Promise<{ error: DeployErrorRecord; attempt: number }> {
  return db.transaction(async (tx) => {
    const record = await getCampaign(tx as unknown as Db, opts);
    if (!record) throw new Error(`Campaign ${opts.campaignId} not found`);
    const error: DeployErrorRecord =
      record.lastError?.step === opts.failedStep ? record.lastError : { step: opts.failedStep, message: opts.message };
    await tx
      .update(campaignRecords)
      .set({ status: "DEPLOY_FAILED", lastError: error })
      .where(and(eq(campaignRecords.id, record.id), inArray(campaignRecords.status, ["APPROVED", "DEPLOYING"])));
    const attempt = record.deployAttempts;
    if (record.conversationId && !(await hasMessage(tx as unknown as Db, { conversationId: record.conversationId, kind: "campaign-deploy-failed", campaignId: record.id, attempt }))) {
      await postCampaignMessage(tx, {
        organizationId: record.organizationId,
        conversationId: record.conversationId,
        type: "AGENT_ACTION",
        // An auth failure needs a new login, not a Resume: it resumes by itself after the reconnect.
        content:
          error.kind === "auth"
            ? `${error.message} Nothing is spending money.`
            : `Launching stopped at "${opts.failedStep}": ${error.message.replace(/\.$/, "")}. Nothing is spending money. ` +
              "You can resume (objects already created are kept) or clean up what was created.",
        metadata: {
          kind: "campaign-deploy-failed",
          campaignId: record.id,
          attempt,
          error,
          actions: error.kind === "auth" ? ["reconnect", "cleanup"] : ["resume", "cleanup"],
        },
      });
    }
    return { error, attempt };
  });
}

/**
 * Posts the "your campaign is live" message once per deploy attempt. On the simulated ad account
 * it says so: nothing simulated is presented as a real, spending campaign.
 */
export async function confirmDeployed(db: Db, opts: { organizationId: string; campaignId: string; simulated: boolean }) {
  const record = await getCampaign(db, opts);
  if (!record?.conversationId || !record.fbCampaignId) throw new Error(`Campaign ${opts.campaignId} is not deployed`);
  const attempt = record.deployAttempts;
  if (!(await hasMessage(db, { conversationId: record.conversationId, kind: "campaign-live", campaignId: record.id, attempt }))) {
    await postCampaignMessage(db, {
      organizationId: record.organizationId,
      conversationId: record.conversationId,
      type: "AGENT_ACTION",
      content: opts.simulated
        ? "Your campaign is live on the simulated ad account (nothing was sent to Facebook and no money is spent). Connect a real Facebook app to launch for real."
        : "Your campaign is live on Facebook. I will keep an eye on how it performs.",
      metadata: {
        kind: "campaign-live",
        simulated: opts.simulated,
        campaignId: record.id,
        attempt,
        fbCampaignId: record.fbCampaignId,
        adSets: Object.keys(record.fbAdSetIds).length,
        ads: Object.keys(record.fbAdIds).length,
      },
    });
  }
  return { fbCampaignId: record.fbCampaignId, conversationId: record.conversationId };
}
