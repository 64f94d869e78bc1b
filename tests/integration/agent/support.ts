import { InngestTestEngine } from "@inngest/test";
import { vi } from "vitest";
import { inngest } from "@/inngest/client";
import { agentMessageSent } from "@/inngest/events";
import { replyAsAgent } from "@/inngest/functions/agent/reply-as-agent";
import { recordAgentMessage } from "@/server/agent/messages";
import type { Db } from "@/server/db";
import { PREVIOUS_WEEK, REPORT_WEEK } from "../../support/report-fixture";
import { testCtx } from "../campaigns/support";
import { seedLiveCampaign, type LiveCampaign } from "../optimization/support";
import { seedCampaignDays } from "../reports/support";

/** A live campaign (own Facebook id) with two weeks of stored days: Nov 16–29, the last week $105 spent. */
export async function seedAgentWorld(db: Db, name: string): Promise<LiveCampaign> {
  const fbCampaignId = `cmp-${name}`;
  const c = await seedLiveCampaign(db, name, { fbCampaignId });
  await seedCampaignDays(db, { ...c, fbCampaignId }, [...PREVIOUS_WEEK, ...REPORT_WEEK]);
  return c;
}

/** Stores the owner's message in the campaign conversation and returns the event that asks the agent. */
export async function ownerSays(db: Db, c: LiveCampaign, content: string) {
  const stored = await recordAgentMessage(db, { organizationId: c.organizationId, conversationId: c.conversationId, content });
  if (!stored.ok) throw new Error(stored.reason);
  const event = agentMessageSent.create({
    organizationId: c.organizationId,
    projectId: c.projectId,
    conversationId: c.conversationId,
    messageId: stored.messageId,
    userId: c.owner.userId,
  });
  return { event, messageId: stored.messageId };
}

/** Runs reply-as-agent for `event`, recording the steps' publishes and events and the streamed deltas. */
export async function runAgent(event: unknown) {
  const ctx = testCtx();
  const deltas: { messageId: string; seq: number; delta: string }[] = [];
  vi.spyOn(inngest.realtime, "publish").mockImplementation((async (_topic: unknown, data: { messageId: string; seq: number; delta: string }) => {
    deltas.push(data);
  }) as never);
  const out = await new InngestTestEngine({ function: replyAsAgent, events: [event as never], transformCtx: ctx.transformCtx }).execute();
  const tool = ctx.published.filter((p) => p.id.startsWith("tool-")).map((p) => p.data as { tool: string; status: string; label: string });
  return { ...out, sent: ctx.sent, published: ctx.published, tool, text: deltas.map((d) => d.delta).join("") };
}
