import type { ToolCall } from "@/server/services/llm";
import { AGENT_TOOL_NAMES, type AgentToolName } from "./catalogue";
import { TOOL_INPUTS } from "./tool-inputs";
import type { AgentTool } from "./tools/types";

/** At most this many tools run for one message; further calls are answered "not run". */
export const MAX_TOOL_CALLS = 3;

export type PlannedCall =
  | { index: number; call: ToolCall; name: AgentToolName; run: true; input: unknown }
  | { index: number; call: ToolCall; run: false; reason: string };

const isToolName = (name: string): name is AgentToolName => (AGENT_TOOL_NAMES as readonly string[]).includes(name);

/** "dailyBudget: must be a positive number" from a zod error, field first, for the owner and the model. */
function describeIssues(issues: { path: PropertyKey[]; message: string }[]): string {
  return issues.map((i) => `${i.path.length ? i.path.map(String).join(".") : "input"}: ${i.message}`).join("; ");
}

/**
 * Decides, before anything runs, which of the model's calls may run: known name, implemented, input
 * valid against the tool's own schema, within the cap. The others carry the plain reason why not.
 */
export function planToolCalls(calls: ToolCall[], tools: Partial<Record<AgentToolName, AgentTool<never>>>): PlannedCall[] {
  return calls.map((call, index): PlannedCall => {
    if (index >= MAX_TOOL_CALLS) {
      return { index, call, run: false, reason: `Not run: at most ${MAX_TOOL_CALLS} tools per message.` };
    }
    if (!isToolName(call.name)) return { index, call, run: false, reason: `There is no tool called "${call.name}". Nothing was done.` };
    const tool = tools[call.name];
    // The shared schema first: a malformed call is refused for what is wrong with it, implemented or not.
    const parsed = (tool?.input ?? TOOL_INPUTS[call.name]).safeParse(call.input ?? {});
    if (!parsed.success) {
      return { index, call, run: false, reason: `The request did not fit (${describeIssues(parsed.error.issues)}). Nothing was done.` };
    }
    if (!tool) return { index, call, run: false, reason: "I can't do that yet from the chat. Nothing was done." };
    return { index, call, name: call.name, run: true, input: parsed.data };
  });
}
