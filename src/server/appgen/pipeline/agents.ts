import type { FixAgent, GeneratedFile, IntegrationAgent, PageAgent, RejectedFile } from "../agents/types";
import type { PageSpec } from "../spec";
import { standInAgents } from "./stand-in-agents";

/** Which files an agent may write: the page agents their own page's, integration the shared ones, the fixer any source. */
export type AgentScope = { kind: "page"; page: PageSpec } | { kind: "integration" } | { kind: "fix" };

export interface PipelineAgents {
  page: PageAgent;
  integration: IntegrationAgent;
  fix: FixAgent;
  checkFiles(scope: AgentScope, files: GeneratedFile[]): { accepted: GeneratedFile[]; rejected: RejectedFile[] };
  packageJson(): string;
}

const store = globalThis as unknown as { __aigencyAppgenAgents?: PipelineAgents };

/** The agents the stage functions call; tests put fakes in place (a model that breaks the build twice) and take them out. */
export function pipelineAgents(): PipelineAgents {
  return store.__aigencyAppgenAgents ?? standInAgents;
}

export function setPipelineAgents(agents?: Partial<PipelineAgents>): void {
  store.__aigencyAppgenAgents = agents ? { ...standInAgents, ...agents } : undefined;
}
