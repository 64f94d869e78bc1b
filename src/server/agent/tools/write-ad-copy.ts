import { artifacts } from "@/server/db/schema";
import { briefFieldsOf, getLatestBrief } from "@/server/onboarding/briefs";
import { deriveId } from "@/server/onboarding/ids";
import { writeAdCopyInput } from "../tool-inputs";
import { AD_COPY_PURPOSE, AD_COPY_SYSTEM_PROMPT, adCopyRequest, adCopySchema } from "./ad-copy";
import type { AgentTool } from "./types";

/**
 * Fresh ad text from the brief, saved as an AD_COPY artifact (nothing is published). The artifact id
 * and the usage key derive from (messageId, callIndex): a retried step writes and bills once.
 */
export const writeAdCopy: AgentTool<{ angle?: string }> = {
  name: "write_ad_copy",
  input: writeAdCopyInput,
  async run(ctx, input) {
    const stored = await getLatestBrief(ctx.deps.db, ctx);
    if (!stored) return { status: "refused", summary: "There is no confirmed brief yet, so there is nothing to write ad copy from." };
    const key = `agent:${ctx.messageId}:${ctx.callIndex}`;
    const { object: copy } = await ctx.deps.services.llm.generateObject({
      purpose: AD_COPY_PURPOSE,
      schema: adCopySchema,
      system: AD_COPY_SYSTEM_PROMPT,
      messages: [{ role: "user", content: adCopyRequest(briefFieldsOf(stored), input.angle) }],
      usage: { organizationId: ctx.organizationId, projectId: ctx.projectId, runId: ctx.runId ?? ctx.messageId, feature: "agent-chat", dedupeKey: `${key}:ad-copy` },
    });
    const artifactId = deriveId(key, "ad-copy");
    await ctx.deps.db
      .insert(artifacts)
      .values({
        id: artifactId,
        organizationId: ctx.organizationId,
        projectId: ctx.projectId,
        conversationId: ctx.conversationId,
        type: "AD_COPY",
        title: input.angle ? `Ad copy: ${input.angle.slice(0, 60)}` : `Ad copy (brief v${stored.version})`,
        content: { ...copy, angle: input.angle ?? null, briefVersion: stored.version, messageId: ctx.messageId },
      })
      .onConflictDoNothing({ target: artifacts.id });
    const lines = [...copy.headlines.map((h) => `Headline: ${h}`), ...copy.primaryTexts.map((t) => `Text: ${t}`)];
    return {
      status: "done",
      summary: `Wrote new ad copy (saved as an Ad copy artifact ${artifactId}; nothing was published):\n${lines.join("\n")}`,
    };
  },
};
