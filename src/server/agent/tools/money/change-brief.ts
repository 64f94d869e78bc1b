import { and, eq, sql } from "drizzle-orm";
import { postCampaignMessage } from "@/server/campaigns/records";
import { messages } from "@/server/db/schema";
import { briefFieldsSchema, completeBrief, type BriefFields } from "@/server/onboarding/brief-schema";
import { briefFieldsOf, getLatestBrief } from "@/server/onboarding/briefs";
import type { AgentTool, ToolContext } from "../types";
import { BRIEF_CHANGE_PURPOSE, BRIEF_CHANGE_SYSTEM, briefChangePrompt, changedFields, registerBriefChangeGenerator } from "./brief-change";
import { changeBriefInput, type ChangeBriefInput } from "../../tool-inputs";

registerBriefChangeGenerator();

export const BRIEF_PROPOSAL_KIND = "brief-update-proposal";

/** What the card renders (message metadata); `outcome` is set once the owner confirmed or dismissed it. */
export interface BriefProposalCard {
  kind: typeof BRIEF_PROPOSAL_KIND;
  requestKey: string;
  projectId: string;
  briefVersion: number;
  current: BriefFields;
  proposed: BriefFields;
  changed: (keyof BriefFields)[];
  outcome: "confirmed" | "dismissed" | null;
}

async function findCard(ctx: ToolContext, requestKey: string) {
  const [row] = await ctx.deps.db
    .select({ id: messages.id, metadata: messages.metadata })
    .from(messages)
    .where(
      and(
        eq(messages.organizationId, ctx.organizationId),
        eq(messages.conversationId, ctx.conversationId),
        sql`${messages.metadata}->>'kind' = ${BRIEF_PROPOSAL_KIND}`,
        sql`${messages.metadata}->>'requestKey' = ${requestKey}`,
      ),
    )
    .limit(1);
  return row ?? null;
}

const summaryOf = (changed: string[]) =>
  `Prepared a brief change (${changed.join(", ")}); it is on a card for you to confirm. Nothing changes until you press Confirm; then a new plan is made for your approval.`;

/**
 * Proposes brief fields from the owner's words (the model, or the offline extractor) and posts them on
 * a card: current vs proposed, with Confirm / Dismiss. Only Confirm (the brief route, the owner's
 * session) saves a new brief version; the planner then makes a new plan the owner approves as usual.
 */
export const changeBriefTool: AgentTool<ChangeBriefInput> = {
  name: "change_brief",
  input: changeBriefInput,
  async run(ctx, input) {
    const requestKey = `${ctx.messageId}:${ctx.callIndex}`;
    const existing = await findCard(ctx, requestKey);
    if (existing) {
      const card = existing.metadata as unknown as BriefProposalCard;
      return { status: "proposed", summary: summaryOf(card.changed), postedMessageIds: [existing.id] };
    }
    const brief = await getLatestBrief(ctx.deps.db, { organizationId: ctx.organizationId, projectId: ctx.projectId });
    if (!brief) return { status: "refused", summary: "This project has no confirmed brief yet; finish the onboarding chat first." };
    const current = briefFieldsOf(brief);
    const { object } = await ctx.deps.services.llm.generateObject({
      purpose: BRIEF_CHANGE_PURPOSE,
      schema: briefFieldsSchema,
      system: BRIEF_CHANGE_SYSTEM,
      messages: [{ role: "user", content: briefChangePrompt(current, input.changes) }],
      usage: { organizationId: ctx.organizationId, projectId: ctx.projectId, runId: `agent:${ctx.messageId}`, feature: "agent-chat", dedupeKey: `brief-change:${requestKey}` },
    });
    // Whatever the model returns, only a complete, valid brief is ever proposed.
    const proposed = completeBrief(object);
    if (!proposed) return { status: "refused", summary: "I could not turn that into a valid brief; say what should change in a few words." };
    const changed = changedFields(current, proposed);
    if (changed.length === 0) return { status: "refused", summary: "I could not tell what in the brief should change; nothing was proposed." };
    const card: BriefProposalCard = { kind: BRIEF_PROPOSAL_KIND, requestKey, projectId: ctx.projectId, briefVersion: brief.version, current, proposed, changed, outcome: null };
    const messageId = await postCampaignMessage(ctx.deps.db, {
      organizationId: ctx.organizationId,
      conversationId: ctx.conversationId,
      type: "TEXT",
      content: `Proposed brief change: ${changed.join(", ")}. Confirm it to save a new brief version.`,
      metadata: { ...card },
    });
    return { status: "proposed", summary: summaryOf(changed), postedMessageIds: [messageId] };
  },
};
