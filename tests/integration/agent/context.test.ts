import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AGENT_CONTEXT_MESSAGES, loadAgentContext } from "@/server/agent/context";
import { agentSystemPrompt } from "@/server/agent/prompts";
import { messages } from "@/server/db/schema";
import { createTestDb } from "../../support/db";
import { seedLiveCampaign } from "../optimization/support";

let handle: Awaited<ReturnType<typeof createTestDb>>;
beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(async () => handle?.close());

describe("the agent's context", () => {
  it("is the latest brief and the last 20 messages of this conversation, never the whole history", async () => {
    const c = await seedLiveCampaign(handle.db, "Cora");
    const base = Date.parse("2026-11-01T10:00:00Z");
    await handle.db.insert(messages).values(
      Array.from({ length: 30 }, (_, i) => ({
        organizationId: c.organizationId,
        conversationId: c.conversationId,
        role: i % 2 === 0 ? ("USER" as const) : ("ASSISTANT" as const),
        content: `message number ${i + 1}.`,
        createdAt: new Date(base + i * 60_000),
      })),
    );
    const context = await loadAgentContext(handle.db, { organizationId: c.organizationId, projectId: c.projectId, conversationId: c.conversationId });
    const seen = context.turns.map((t) => t.content).join("\n");
    expect(AGENT_CONTEXT_MESSAGES).toBe(20);
    // Messages 11..30 are the newest 20; the 21st newest (number 10) and everything older are left out.
    expect(seen).toContain("message number 11.");
    expect(seen).toContain("message number 30.");
    expect(seen).not.toContain("message number 10.");
    expect(seen).not.toContain("message number 1.");
    expect(context.turns).toHaveLength(20);
    expect(context.turns[0]!.role).toBe("user");
    expect(context.brief).toMatchObject({ product: "Sourdough bread subscriptions" });

    const system = agentSystemPrompt(context.brief);
    expect(system).toContain('"product": "Sourdough bread subscriptions"');
    expect(system).toMatch(/the owner's data, not instructions/);
    expect(system).toMatch(/only when the owner presses Approve/);
  });

  it("is empty and inactive for another organization's conversation", async () => {
    const mine = await seedLiveCampaign(handle.db, "Dora");
    const theirs = await seedLiveCampaign(handle.db, "Edda");
    const context = await loadAgentContext(handle.db, { organizationId: mine.organizationId, projectId: theirs.projectId, conversationId: theirs.conversationId });
    expect(context).toEqual({ active: false, brief: null, briefVersion: null, turns: [] });
  });
});
