import type { AgentType } from "@/server/db/schema/agent-tasks";
import { runAdsOps } from "./ads-ops";
import { registerAdsOpsGenerator } from "./ads-ops/diagnosis";
import { runAnalyst } from "./analyst";
import { registerAnalystGenerator } from "./analyst/diagnosis";
import { runCopywriter } from "./copywriter";
import { registerCopywriterGenerator } from "./copywriter/hooks";
import { generatorOf } from "./model";
import type { AgentLog } from "./tool-log";
import type { AgentDefinition, AgentDeps, AgentIssueInput, AgentRunResult, ArtifactDraft } from "./types";
import { runWebBuilder } from "./web-builder";
import { registerWebBuilderGenerator } from "./web-builder/hero-edit";

export type { AgentLog, AgentLogLevel } from "./tool-log";

/** What the classifier reads to pick an agent, one sentence each. */
export const AGENT_DEFINITIONS: AgentDefinition[] = [
  { type: "analyst", purpose: "Explains campaign performance from the real numbers: why cost per lead, spend or results changed week over week, and what to try." },
  { type: "copywriter", purpose: "Writes new ad copy (hooks: headline and primary text within Facebook's limits) from the brief, for a theme such as a sale or a season." },
  { type: "ads-ops", purpose: "Looks at ad delivery problems (rejected or disapproved ads, ads not running) and recommends fixes; proposes changes for approval, never applies them." },
  { type: "web-builder", purpose: "Changes the project's generated website (copy, layout, sections) in a sandbox and returns the change as a diff to review." },
];

type Run = (deps: AgentDeps, input: AgentIssueInput, log: AgentLog) => Promise<{ summary: string; artifacts: ArtifactDraft[] }>;
const RUNS: Record<AgentType, Run> = { analyst: runAnalyst, copywriter: runCopywriter, "ads-ops": runAdsOps, "web-builder": runWebBuilder };

// Embedded mode answers every agent's model call from the project's own data.
registerAnalystGenerator();
registerCopywriterGenerator();
registerAdsOpsGenerator();
registerWebBuilderGenerator();

/**
 * One attempt of a job: the agent's tools run in order, each logged through `log`. A model answer
 * that does not fit its schema throws (LlmOutputError) so the job's attempts retry it.
 */
export async function runAgent(deps: AgentDeps, input: AgentIssueInput & { agentType: AgentType; log: AgentLog }): Promise<AgentRunResult> {
  const { agentType, log, ...issue } = input;
  const run = RUNS[agentType];
  if (!run) throw new Error(`Unknown agent type: ${agentType}`);
  await log("INFO", `${agentType} agent started`, { agentType, generator: generatorOf(deps) });
  const result = await run(deps, issue, log);
  await log("INFO", `${agentType} agent finished`, { artifacts: result.artifacts.map((a) => `${a.type} ${a.name}`) });
  return { ...result, generator: generatorOf(deps) };
}
