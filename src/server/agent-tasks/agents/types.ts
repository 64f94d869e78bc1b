import type { Db } from "@/server/db";
import type { AgentType } from "@/server/db/schema/agent-tasks";
import type { ToolEvent } from "@/server/agent/tools/types";
import type { Services } from "@/server/services/types";

/**
 * One agent run (one job attempt): an agent type's program of tool calls, each a plain function the
 * job function wraps in its own step. Agents read the project read-only, draft, and PROPOSE: an agent
 * never moves money (optimisation changes go through the proposal → approval path).
 */
export interface AgentIssueInput {
  organizationId: string;
  projectId: string | null;
  issueId: string;
  jobId: string;
  title: string;
  description: string;
  context: Record<string, unknown>;
}

export interface ArtifactDraft {
  type: "CODE_CHANGE" | "ANALYSIS" | "RECOMMENDATION" | "DOCUMENTATION" | "CONFIG" | "COPY";
  name: string;
  content: string;
  filePath?: string;
  diffPatch?: string;
  metadata?: Record<string, unknown>;
}

export interface AgentDeps {
  db: Db;
  services: Services;
}

/** What a finished run hands back: its artifacts and one line for the task page. */
export interface AgentRunResult {
  summary: string;
  artifacts: ArtifactDraft[];
  generator: "offline" | "anthropic";
  /** Events the agent's tools asked for (optimization/action.proposed starts a proposal's approval), sent by the job function after its step. */
  events?: ToolEvent[];
}

export interface AgentDefinition {
  type: AgentType;
  /** One sentence for the classifier's prompt: what this agent is for. */
  purpose: string;
}
