import type { AgentDeps, AgentIssueInput, AgentRunResult } from "./agents/types";
import { runAgent } from "./agents";
import type { AgentType } from "@/server/db/schema/agent-tasks";

/** `context.noopAgent` on an issue: the job holds its slot for `holdMs`, then finishes with nothing made. */
export const NOOP_AGENT_KEY = "noopAgent";
const MAX_HOLD_MS = 30_000;

function noopHold(context: Record<string, unknown>): number | null {
  const flag = context[NOOP_AGENT_KEY];
  if (!flag || typeof flag !== "object") return null;
  const holdMs = Number((flag as { holdMs?: unknown }).holdMs ?? 0);
  return Number.isFinite(holdMs) ? Math.min(Math.max(0, holdMs), MAX_HOLD_MS) : 0;
}

/**
 * Runs the issue's agent. The no-op agent exists for the flow-control tests and the throughput
 * benchmark (hundreds of tasks that only occupy a slot); it is honoured only with the offline model,
 * so a real task can never skip its agent.
 */
export async function runAgentOrNoop(deps: AgentDeps, input: AgentIssueInput & { agentType: AgentType }): Promise<AgentRunResult> {
  const holdMs = deps.services.llm.kind === "offline" ? noopHold(input.context) : null;
  if (holdMs === null) return runAgent(deps, input);
  if (holdMs > 0) await new Promise((resolve) => setTimeout(resolve, holdMs));
  return { summary: "No-op agent: held its slot and made nothing.", artifacts: [], generator: "offline" };
}
