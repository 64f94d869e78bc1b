import {
  checkAgentFiles,
  fixApp,
  FIX_SCOPE,
  generatedPackageJson,
  generatePage,
  integrateApp,
  INTEGRATION_SCOPE,
  pageScope,
  type FixAgent,
  type GeneratedFile,
  type IntegrationAgent,
  type PageAgent,
  type RejectedFile,
} from "../agents";
import type { GenerationSpec, PageSpec } from "../spec";

/** Which files an agent may write: the page agents their own page's, integration the shared ones, the fixer any source. */
export type AgentScope = { kind: "page"; page: PageSpec } | { kind: "integration" } | { kind: "fix" };

export interface PipelineAgents {
  page: PageAgent;
  integration: IntegrationAgent;
  fix: FixAgent;
  checkFiles(scope: AgentScope, files: GeneratedFile[]): { accepted: GeneratedFile[]; rejected: RejectedFile[] };
  /** The generated app's package.json (tests swap in one whose build is a quick node check). */
  packageJson(spec: GenerationSpec): string;
}

/** The code-writing agents of src/server/appgen/agents (the model, or the offline model without a key). */
export const modelAgents: PipelineAgents = {
  page: generatePage,
  integration: integrateApp,
  fix: fixApp,
  checkFiles(scope, files) {
    const allowed = scope.kind === "page" ? pageScope(scope.page) : scope.kind === "integration" ? INTEGRATION_SCOPE : FIX_SCOPE;
    return checkAgentFiles(files, allowed);
  },
  packageJson: (spec) => `${JSON.stringify(generatedPackageJson(spec), null, 2)}\n`,
};

const store = globalThis as unknown as { __aigencyAppgenAgents?: PipelineAgents };

/** The agents the stage functions call; tests put fakes in place (a model that breaks the build twice) and take them out. */
export function pipelineAgents(): PipelineAgents {
  return store.__aigencyAppgenAgents ?? modelAgents;
}

export function setPipelineAgents(agents?: Partial<PipelineAgents>): void {
  store.__aigencyAppgenAgents = agents ? { ...modelAgents, ...agents } : undefined;
}
