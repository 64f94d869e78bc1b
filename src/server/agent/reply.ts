import type { LlmService, ToolCall, ToolOutcome, UsageContext } from "@/server/services/llm";
import type { AgentContext } from "./context";
import { AGENT_ANSWER_PURPOSE, AGENT_CHOOSE_PURPOSE } from "./offline-generators";
import type { PlannedCall } from "./plan-calls";
import { agentSystemPrompt } from "./prompts";
import { agentToolDefinitions } from "./tool-definitions";
import type { AgentTool, ToolContext, ToolResult } from "./tools/types";

export interface ToolTurn {
  text: string;
  calls: ToolCall[];
}

/** The model's first turn: which tools (if any) the owner's message calls for. */
export async function chooseAgentTools(llm: LlmService, opts: { context: AgentContext; usage: UsageContext }): Promise<ToolTurn> {
  const { text, calls } = await llm.chooseTools({
    purpose: AGENT_CHOOSE_PURPOSE,
    system: agentSystemPrompt(opts.context.brief),
    messages: opts.context.turns,
    tools: agentToolDefinitions(),
    usage: opts.usage,
  });
  return { text, calls };
}

export type RanCall = { status: ToolResult["status"] | "failed"; summary: string; result?: ToolResult };

/** Runs one planned call; a call that may not run is answered with its reason, never run. */
export async function runPlannedCall(
  tool: AgentTool<never> | undefined,
  ctx: ToolContext,
  planned: PlannedCall,
): Promise<RanCall> {
  if (!planned.run || !tool) return { status: "failed", summary: planned.run ? "I can't do that yet." : planned.reason };
  const result = await tool.run(ctx, planned.input as never);
  return { status: result.status, summary: result.summary, result };
}

/** What the model reads back for each call: its summary, marked an error when it did not run or failed. */
export function toOutcomes(planned: PlannedCall[], ran: RanCall[]): ToolOutcome[] {
  return planned.map((p, i) => ({
    callId: p.call.id,
    name: p.call.name,
    content: ran[i]!.summary,
    isError: ran[i]!.status === "failed",
  }));
}

/** The final answer, streamed: the model (or the offline writer) turns the tools' results into words. */
export async function streamAgentAnswer(
  llm: LlmService,
  opts: { context: AgentContext; toolTurn: ToolTurn; results: ToolOutcome[]; usage: UsageContext; onDelta: (d: string) => void },
): Promise<string> {
  const { text } = await llm.streamToolAnswer({
    purpose: AGENT_ANSWER_PURPOSE,
    system: agentSystemPrompt(opts.context.brief),
    messages: opts.context.turns,
    tools: agentToolDefinitions(),
    toolTurn: opts.toolTurn,
    results: opts.results,
    usage: opts.usage,
    onDelta: opts.onDelta,
  });
  return text;
}
