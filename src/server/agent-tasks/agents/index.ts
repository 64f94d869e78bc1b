import type { AgentType } from "@/server/db/schema/agent-tasks";
import type { AgentDeps, AgentIssueInput, AgentRunResult } from "./types";

/**
 * STUB, replaced by the lead with the four agents (branch t-agents). The job runner depends on this
 * signature only:
 *
 *   export function runAgent(deps: AgentDeps, input: AgentIssueInput & { agentType: AgentType }): Promise<AgentRunResult>
 *
 * It must not write artifacts itself (the runner stores them, idempotently, after the run) and may log
 * through appendAgentLog (src/server/agent-tasks/logs.ts).
 */
export async function runAgent(deps: AgentDeps, input: AgentIssueInput & { agentType: AgentType }): Promise<AgentRunResult> {
  void deps;
  return {
    summary: `The ${input.agentType} agent looked at "${input.title}".`,
    artifacts: [{ type: "RECOMMENDATION", name: "summary.md", content: `# ${input.title}\n\nNo agent is wired in yet.` }],
    generator: "offline",
  };
}
