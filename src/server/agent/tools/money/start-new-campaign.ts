import { and, desc, eq, inArray } from "drizzle-orm";
import { campaignPlanChangesRequested } from "@/inngest/events";
import { findBySourceKey } from "@/server/campaigns/records";
import { campaignRecords } from "@/server/db/schema";
import type { AgentTool, ToolContext } from "../types";
import { startNewCampaignInput, type StartNewCampaignInput } from "../../tool-inputs";
import { findLiveCampaign, NO_CAMPAIGN_YET } from "./live-campaign";

const FEEDBACK = "The owner asked in the conversation for a new campaign: please draft a fresh campaign from the brief, built on what works best in this one.";

/** A plan version still waiting for the owner (or being drafted): a second one would only compete with it. */
async function planInProgress(ctx: ToolContext) {
  const [row] = await ctx.deps.db
    .select({ id: campaignRecords.id })
    .from(campaignRecords)
    .where(
      and(
        eq(campaignRecords.organizationId, ctx.organizationId),
        eq(campaignRecords.projectId, ctx.projectId),
        inArray(campaignRecords.status, ["DRAFT", "PENDING_APPROVAL", "APPROVED", "DEPLOYING"]),
      ),
    )
    .orderBy(desc(campaignRecords.version))
    .limit(1);
  return row ?? null;
}

/**
 * Asks the planner for a new version of the live campaign, as an approved LAUNCH_CAMPAIGN does
 * (`campaign/plan.changes-requested`): the plan card the owner approves as usual comes next, and
 * nothing reaches Facebook without that approval. The event id derives from the message, so a
 * retried step asks once.
 */
export const startNewCampaignTool: AgentTool<StartNewCampaignInput> = {
  name: "start_new_campaign",
  input: startNewCampaignInput,
  async run(ctx, input) {
    const live = await findLiveCampaign(ctx.deps.db, { organizationId: ctx.organizationId, projectId: ctx.projectId });
    if (!live) return { status: "refused", summary: NO_CAMPAIGN_YET };
    if (await planInProgress(ctx)) {
      return { status: "refused", summary: "A campaign plan is already being drafted or waiting for your approval; answer that plan card first." };
    }
    // The planner makes one new version per campaign version (source key `revise:<id>`).
    if (await findBySourceKey(ctx.deps.db, `revise:${live.id}`)) {
      return { status: "refused", summary: "A new version of this campaign was already made; it is in the campaign conversation." };
    }
    const note = input.note?.replace(/\s+/g, " ").trim();
    const feedback = note ? `${FEEDBACK} The owner's note: “${note}”.` : FEEDBACK;
    const id = `agent-new-campaign-${ctx.messageId}-${ctx.callIndex}`;
    const e = campaignPlanChangesRequested.create(
      { organizationId: ctx.organizationId, projectId: ctx.projectId, campaignId: live.id, version: live.version, requestedBy: ctx.userId, feedback },
      { id },
    );
    return {
      status: "proposed",
      summary:
        "Asked the planner for a new campaign. Its plan appears in the campaign conversation for your approval; nothing goes live on Facebook until you approve it, and once live it replaces the current campaign.",
      events: [{ name: e.name, data: e.data, id }],
    };
  },
};
