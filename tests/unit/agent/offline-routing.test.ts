import { describe, expect, it } from "vitest";
import { registerAgentGenerators, AGENT_CHOOSE_PURPOSE, AGENT_ANSWER_PURPOSE } from "@/server/agent/offline-generators";
import { recogniseIntents } from "@/server/agent/offline-intents";
import { planToolCalls } from "@/server/agent/plan-calls";
import { TOOL_INPUTS } from "@/server/agent/tool-inputs";
import { agentTools } from "@/server/agent/tools";
import type { Db } from "@/server/db";
import { createOfflineLlm, OFFLINE_LABEL } from "@/server/services/llm";

// The offline model records usage; these tests only need it to accept the write.
const db = { insert: () => ({ values: () => ({ onConflictDoNothing: async () => undefined }) }) } as unknown as Db;
const usage = { organizationId: "org", runId: "run", dedupeKey: "key", feature: "agent-chat" as const };

const ROUTES: [string, string | null, Record<string, unknown>][] = [
  ["How is it doing?", "show_performance", {}],
  ["How is my campaign doing so far?", "show_performance", {}],
  ["Show me the numbers", "show_performance", {}],
  ["What is CTR?", "explain_metric", { metric: "ctr" }],
  ["What does click rate mean for my campaign?", "explain_metric", { metric: "ctr" }],
  ["what's ROAS", "explain_metric", { metric: "roas" }],
  ["Explain cost per result", "explain_metric", { metric: "cost_per_result" }],
  ["What is frequency?", "explain_metric", { metric: "frequency" }],
  ["Write me some new ad copy.", "write_ad_copy", {}],
  ["Can you give me new headlines?", "write_ad_copy", {}],
  ["We now also ship to Canada.", "change_brief", { changes: "We now also ship to Canada." }],
  ["Please pause my campaign.", "pause_campaign", {}],
  ["Stop the ads", "pause_campaign", {}],
  ["Please turn my campaign back on.", "resume_campaign", {}],
  ["turn it back on", "resume_campaign", {}],
  ["Change my daily budget to 30.", "change_budget", { dailyBudget: 30 }],
  ["change budget to 30 a day", "change_budget", { dailyBudget: 30 }],
  ["spend $50 per day", "change_budget", { dailyBudget: 50 }],
  ["Start a new campaign.", "start_new_campaign", {}],
  ["Send me a report now.", "generate_report", {}],
  ["Thanks, that's great!", null, {}],
  ["Hello", null, {}],
];

describe("offline intents: each phrasing → the same tool and input the model would choose", () => {
  it.each(ROUTES)("%s → %s", (message, tool, input) => {
    const calls = recogniseIntents(message);
    if (tool === null) return expect(calls).toEqual([]);
    expect(calls).toEqual([{ name: tool, input }]);
    // The input is valid for the shared schema the tools validate with.
    expect(TOOL_INPUTS[calls[0]!.name].safeParse(calls[0]!.input).success).toBe(true);
  });

  it("goes through the offline model's chooseTools, with stable call ids", async () => {
    registerAgentGenerators();
    const llm = createOfflineLlm({ db });
    const turn = await llm.chooseTools({
      purpose: AGENT_CHOOSE_PURPOSE,
      system: "s",
      messages: [{ role: "user", content: "Change my daily budget to 30." }],
      tools: [],
      usage,
    });
    expect(turn.calls).toEqual([{ id: "offline_call_0", name: "change_budget", input: { dailyBudget: 30 } }]);
  });

  it("writes a labelled reply from the tools' summaries, reporting errors in plain words", async () => {
    registerAgentGenerators();
    const llm = createOfflineLlm({ db });
    const deltas: string[] = [];
    const { text } = await llm.streamToolAnswer({
      purpose: AGENT_ANSWER_PURPOSE,
      system: "s",
      messages: [{ role: "user", content: "How is it doing? And approve it." }],
      tools: [],
      toolTurn: { text: "", calls: [{ id: "a", name: "show_performance", input: {} }] },
      results: [
        { callId: "a", name: "show_performance", content: "Spent $10.", isError: false },
        { callId: "b", name: "change_budget", content: "dailyBudget: too big", isError: true },
      ],
      usage,
      onDelta: (d) => void deltas.push(d),
    });
    expect(text.startsWith(`${OFFLINE_LABEL} `)).toBe(true);
    expect(text).toContain("Spent $10.");
    expect(text).toContain("I couldn't do that: dailyBudget: too big");
    expect(text).toMatch(/can't approve anything from the chat/);
    expect(deltas.join("")).toBe(text);
  });
});

describe("planToolCalls: validated before anything runs", () => {
  const call = (name: string, input: unknown, id = name) => ({ id, name, input });

  it("runs a valid call with the parsed input", () => {
    const [p] = planToolCalls([call("explain_metric", { metric: "ctr" })], agentTools);
    expect(p).toMatchObject({ run: true, name: "explain_metric", input: { metric: "ctr" } });
  });

  it("refuses malformed input naming the field, and an unknown tool", () => {
    const [bad, unknown] = planToolCalls([call("explain_metric", { metric: "vibes" }), call("wire_money", {})], agentTools);
    expect(bad).toMatchObject({ run: false });
    expect(bad!.run === false && bad!.reason).toMatch(/metric:.*Nothing was done/);
    expect(unknown!.run === false && unknown!.reason).toMatch(/no tool called "wire_money"/);
  });

  it("answers a catalogue tool without an implementation with \"I can't do that yet\"", () => {
    const [p] = planToolCalls([call("pause_campaign", {})], {});
    expect(p!.run === false && p!.reason).toMatch(/can't do that yet/);
  });

  it("runs at most 3 calls per message", () => {
    const planned = planToolCalls([1, 2, 3, 4].map((i) => call("show_performance", {}, `c${i}`)), agentTools);
    expect(planned.map((p) => p.run)).toEqual([true, true, true, false]);
  });
});
