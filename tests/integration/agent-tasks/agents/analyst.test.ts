import { count, eq } from "drizzle-orm";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { parseEnv } from "@/env";
import { runAgent } from "@/server/agent-tasks/agents";
import { campaignRecords, optimizationActions, performanceSnapshots } from "@/server/db/schema";
import type { Deps } from "@/server/deps";
import { createLlm } from "@/server/services/llm";
import { LlmOutputError } from "@/server/services/llm/types";
import { createAnthropicFake } from "../../../mocks/anthropic";
import { createTestDb } from "../../../support/db";
import { embeddedDeps } from "../../campaigns/support";
import { AD_ACCOUNT, seedLiveCampaign, type LiveCampaign } from "../../optimization/support";
import { issueInput, recordingLog, seedDailyRows } from "./support";

const fake = createAnthropicFake({ baseUrl: "http://anthropic.test" });
const server = setupServer(...fake.handlers);
let handle: Awaited<ReturnType<typeof createTestDb>>;
let live: LiveCampaign;
const QUESTION = { title: "Why did cost per lead double this week?" };

// Last week: 70 USD a day for 7 leads (10 USD each). This week: the same spend and CPM, half the clicks,
// and 4,3,4,3,4,3,4 = 25 leads instead of 49: cost per lead nearly doubles.
const lastWeek = Array.from({ length: 7 }, () => ({ spendCents: 7000, impressions: 10_000, clicks: 200, leads: 7 }));
const thisWeek = [4, 3, 4, 3, 4, 3, 4].map((leads) => ({ spendCents: 7000, impressions: 10_000, clicks: 100, leads }));

const anthropicDeps = (): Deps => {
  const base = embeddedDeps(handle.db);
  const env = parseEnv({ ANTHROPIC_API_KEY: "sk-ant-test", ANTHROPIC_BASE_URL: "http://anthropic.test" });
  return { ...base, services: { ...base.services, llm: createLlm({ env, db: handle.db, maxRetries: 0 }) } };
};

beforeAll(async () => {
  server.listen({ onUnhandledRequest: "error" });
  handle = await createTestDb();
  live = await seedLiveCampaign(handle.db, "Ana");
  await seedDailyRows(handle.db, { ...live, adAccountId: AD_ACCOUNT }, "2026-11-18", [...lastWeek, ...thisWeek]);
});
afterEach(() => fake.reset());
afterAll(async () => {
  server.close();
  await handle?.close();
});

const tableCounts = async () => ({
  campaigns: (await handle.db.select({ n: count() }).from(campaignRecords))[0]!.n,
  snapshots: (await handle.db.select({ n: count() }).from(performanceSnapshots))[0]!.n,
  actions: (await handle.db.select({ n: count() }).from(optimizationActions))[0]!.n,
});

describe("analyst agent", () => {
  it("computes the real week-over-week figures offline and names the factor that moved, reading only", async () => {
    const before = await tableCounts();
    const { log, tools } = recordingLog();
    const result = await runAgent(embeddedDeps(handle.db), { ...issueInput(live, QUESTION), agentType: "analyst", log });
    expect(result.generator).toBe("offline");
    const [analysis] = result.artifacts;
    expect(analysis).toMatchObject({ type: "ANALYSIS", name: "week-over-week" });
    // 490 USD / 49 leads = 10.00; 490 USD / 25 leads = 19.60 (+96%).
    expect(analysis!.content).toContain("| Cost per lead | 10.00 USD | 19.60 USD | +96% |");
    expect(analysis!.content).toContain("| CTR | 2% | 1% | -50% |");
    expect(analysis!.content).toMatch(/## Likely causes\n- Fewer people click: CTR fell 50%/);
    expect(analysis!.content).not.toMatch(/CPM rose/);
    expect(result.summary).toMatch(/cost per lead \+96% week over week/);
    expect(tools()).toEqual(["read_campaigns:ok", "read_snapshots:ok", "diagnose:ok"]);
    expect(await tableCounts()).toEqual(before);
  });

  it("takes the model's causes through Anthropic, with the figures in the prompt", async () => {
    fake.enqueue({ kind: "json", value: { causes: ["Model cause: CTR halved."], tryNext: ["Model idea: new hooks."] } });
    const { log } = recordingLog();
    const result = await runAgent(anthropicDeps(), { ...issueInput(live, QUESTION), agentType: "analyst", log });
    expect(result.generator).toBe("anthropic");
    expect(result.artifacts[0]!.content).toContain("- Model cause: CTR halved.");
    expect(result.artifacts[0]!.content).toContain("| Cost per lead | 10.00 USD | 19.60 USD | +96% |");
    const body = fake.requests[0]!.body as { messages: { content: string }[] };
    expect(JSON.stringify(body.messages)).toContain("costPerLeadCents");
  });

  it("fails clearly on a malformed model answer, logging the failed tool, so the job can retry", async () => {
    fake.enqueue({ kind: "json", value: { causes: "not a list" } });
    const { log, entries } = recordingLog();
    const run = runAgent(anthropicDeps(), { ...issueInput(live, QUESTION), agentType: "analyst", log });
    await expect(run).rejects.toBeInstanceOf(LlmOutputError);
    expect(entries.at(-1)).toMatchObject({ level: "ERROR", data: { tool: "diagnose", outcome: "error" } });
  });

  it("answers with a recommendation when the project has no delivering campaign", async () => {
    const { log } = recordingLog();
    await handle.db.update(campaignRecords).set({ fbCampaignId: null }).where(eq(campaignRecords.id, live.campaignId));
    try {
      const result = await runAgent(embeddedDeps(handle.db), { ...issueInput(live, QUESTION), agentType: "analyst", log });
      expect(result.artifacts[0]).toMatchObject({ type: "RECOMMENDATION" });
      expect(result.artifacts[0]!.content).toMatch(/no campaign running on Facebook/);
    } finally {
      await handle.db.update(campaignRecords).set({ fbCampaignId: "cmp-1" }).where(eq(campaignRecords.id, live.campaignId));
    }
  });
});
