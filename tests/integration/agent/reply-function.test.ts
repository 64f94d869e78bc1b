import { and, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { agentTools } from "@/server/agent/tools";
import { artifacts, messages } from "@/server/db/schema";
import { setDeps } from "@/server/deps";
import { addDays } from "@/server/performance/account-timezone";
import { lastCompleteWeek } from "@/server/reports/due-weeks";
import { createTestDb } from "../../support/db";
import { seedLiveCampaign } from "../optimization/support";
import { seedCampaignDays } from "../reports/support";
import { embeddedDeps } from "../campaigns/support";
import { ownerSays, runAgent, seedAgentWorld } from "./support";

let handle: Awaited<ReturnType<typeof createTestDb>>;
beforeAll(async () => {
  handle = await createTestDb();
  setDeps(embeddedDeps(handle.db));
});
afterEach(() => vi.restoreAllMocks());
afterAll(async () => {
  setDeps();
  await handle?.close();
});

const replies = (conversationId: string) =>
  handle.db
    .select()
    .from(messages)
    .where(and(eq(messages.conversationId, conversationId), eq(messages.role, "ASSISTANT")));

describe("agent/reply-as-agent with the offline model", () => {
  it("runs show_performance, publishes its progress, streams the answer and stores it once, also on a retry", async () => {
    const c = await seedAgentWorld(handle.db, "Perla");
    const { event } = await ownerSays(handle.db, c, "How is my campaign doing so far?");
    const run = await runAgent(event);
    expect(run.error).toBeUndefined();
    expect(run.tool).toEqual([
      expect.objectContaining({ tool: "show_performance", status: "running", label: "Reading the latest numbers…" }),
      expect.objectContaining({ tool: "show_performance", status: "done", label: "Reading the latest numbers…" }),
    ]);
    expect(run.text).toMatch(/^\[offline demo model\] Over the last 6 days: spent \$105/);
    expect(run.sent).toEqual([]);

    const again = await runAgent(event);
    expect(again.error).toBeUndefined();
    const stored = await replies(c.conversationId);
    expect(stored).toHaveLength(1);
    expect(stored[0]!.content).toBe(run.text);
    expect(stored[0]!.metadata).toEqual({
      kind: "agent-reply",
      tools: [{ name: "show_performance", status: "done", summary: expect.stringMatching(/spent \$105/) }],
    });
  });

  it("asks for the last complete week's report with the cron's event id", async () => {
    const c = await seedAgentWorld(handle.db, "Rosa");
    const { event } = await ownerSays(handle.db, c, "Send me a report now.");
    const run = await runAgent(event);
    expect(run.error).toBeUndefined();
    // Weeks count from the first day of spend (Nov 16) to the account's today, as the cron's do.
    const week = lastCompleteWeek("2026-11-16", new Date().toISOString().slice(0, 10))!;
    expect(run.sent).toEqual([
      {
        id: "send-tool-events",
        payload: [
          {
            name: "reports/weekly-report.requested",
            id: `weekly-report-${c.campaignId}-${week.weekEnding}`,
            data: { organizationId: c.organizationId, projectId: c.projectId, campaignId: c.campaignId, ...week },
          },
        ],
      },
    ]);
  });

  it("says when the first week completes when none has yet, and sends nothing", async () => {
    const fbCampaignId = "cmp-Nova";
    const c = await seedLiveCampaign(handle.db, "Nova", { fbCampaignId });
    const start = addDays(new Date().toISOString().slice(0, 10), -2);
    await seedCampaignDays(handle.db, { ...c, fbCampaignId }, [{ date: start, spendCents: 900, reach: 50, conversions: 0, conversionValueCents: 0 }]);
    const { event } = await ownerSays(handle.db, c, "Send me a report now.");
    const run = await runAgent(event);
    expect(run.sent).toEqual([]);
    expect(run.text).toContain(`the first week ends on ${addDays(start, 6)}`);
  });

  it("writes ad copy into one AD_COPY artifact however often the run is retried", async () => {
    const c = await seedAgentWorld(handle.db, "Ada");
    const { event } = await ownerSays(handle.db, c, "Write me some new ad copy.");
    expect((await runAgent(event)).error).toBeUndefined();
    expect((await runAgent(event)).error).toBeUndefined();
    const docs = await handle.db.select().from(artifacts).where(and(eq(artifacts.projectId, c.projectId), eq(artifacts.type, "AD_COPY")));
    expect(docs).toHaveLength(1);
    expect(docs[0]).toMatchObject({ conversationId: c.conversationId, organizationId: c.organizationId });
    expect((docs[0]!.content as { headlines: string[] }).headlines.length).toBeGreaterThan(0);
    const [reply] = await replies(c.conversationId);
    expect(reply!.content).toContain(docs[0]!.id);
  });

  it("answers a tool that has no implementation plainly, and a message without intent with no tool", async () => {
    const c = await seedAgentWorld(handle.db, "Uma");
    const saved = agentTools.pause_campaign;
    delete agentTools.pause_campaign;
    try {
      const { event } = await ownerSays(handle.db, c, "Please pause my campaign.");
      const run = await runAgent(event);
      expect(run.error).toBeUndefined();
      expect(run.text).toMatch(/I couldn't do that: I can't do that yet/);
      expect(run.tool.map((t) => t.status)).toEqual(["running", "failed"]);
    } finally {
      if (saved) agentTools.pause_campaign = saved;
    }
    const { event } = await ownerSays(handle.db, c, "Thanks!");
    const plain = await runAgent(event);
    expect(plain.tool).toEqual([]);
    expect(plain.text).toMatch(/I can show how your campaign is doing/);
  });
});
