import type { AgentDeps, AgentIssueInput, AgentRunResult } from "./agents/types";
import { runAgent, type AgentLogLevel } from "./agents";
import { appendAgentLog } from "./logs";
import { redact } from "@/server/redact";
import type { AgentType } from "@/server/db/schema/agent-tasks";

/**
 * `context.noopAgent` on an issue: the job holds its slot for `holdMs`, then finishes with nothing
 * made, or (with `fail: true`) throws, so every attempt fails.
 */
export const NOOP_AGENT_KEY = "noopAgent";
const MAX_HOLD_MS = 30_000;

function noopFlag(context: Record<string, unknown>): { holdMs: number; fail: boolean } | null {
  const flag = context[NOOP_AGENT_KEY];
  if (!flag || typeof flag !== "object") return null;
  const { holdMs, fail } = flag as { holdMs?: unknown; fail?: unknown };
  const ms = Number(holdMs ?? 0);
  return { holdMs: Number.isFinite(ms) ? Math.min(Math.max(0, ms), MAX_HOLD_MS) : 0, fail: fail === true };
}

/** A tool call as the task page hears of it: the tool, how it went, and its (already redacted) log line. */
export interface ToolCallNotice { tool: string; state: "done" | "failed"; summary: string }

function toolNotice(tool: string, message: string, data: Record<string, unknown>): ToolCallNotice {
  const failed = data.outcome === "error";
  const detail = failed ? data.error : data.result;
  // callTool already redacted result and error; redacted again because this text leaves the database's care.
  const summary = redact(typeof detail === "string" && detail ? `${message}: ${detail}` : message).slice(0, 500);
  return { tool: tool.slice(0, 100), state: failed ? "failed" : "done", summary };
}

/** Realtime is a hint to re-read the rows: a failed announcement never fails the agent's run. */
async function announce(onTool: (call: ToolCallNotice) => Promise<void>, call: ToolCallNotice) {
  try {
    await onTool(call);
  } catch (error) {
    console.warn("agent task: tool announcement failed", { tool: call.tool, error: error instanceof Error ? error.message : String(error) });
  }
}

/**
 * Runs the issue's agent. The no-op agent exists for the flow-control tests and the throughput
 * benchmark (hundreds of tasks that only occupy a slot); it is honoured only with the offline model,
 * so a real task can never skip its agent.
 */
export async function runAgentOrNoop(
  deps: AgentDeps,
  input: AgentIssueInput & { agentType: AgentType },
  onTool: (call: ToolCallNotice) => Promise<void> = async () => {},
): Promise<AgentRunResult> {
  const noop = deps.services.llm.kind === "offline" ? noopFlag(input.context) : null;
  if (noop === null) {
    // Every tool call of the agent goes to the job's (redacted) log, and is announced once logged.
    const log = async (level: AgentLogLevel, message: string, data?: Record<string, unknown>) => {
      await appendAgentLog(deps.db, { organizationId: input.organizationId, jobId: input.jobId, level, message, data });
      if (typeof data?.tool === "string") await announce(onTool, toolNotice(data.tool, message, data));
    };
    return runAgent(deps, { ...input, log });
  }
  if (noop.holdMs > 0) await new Promise((resolve) => setTimeout(resolve, noop.holdMs));
  if (noop.fail) throw new Error("The no-op agent failed on purpose");
  return { summary: "No-op agent: held its slot and made nothing.", artifacts: [], generator: "offline" };
}
