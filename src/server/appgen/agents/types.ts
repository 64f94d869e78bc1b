import type { LlmService, UsageContext } from "@/server/services/llm/types";
import type { GenerationSpec, PageSpec } from "../spec";

/**
 * The code-writing agents (page, integration, fixer) are model calls made by the app, one step each;
 * what they return is only text. It is checked against the agent's scope (./scope.ts) before a byte of
 * it reaches the sandbox's workspace, and it only ever runs there (npm install / build).
 */

/** A file for the generated app, at a workspace-relative posix path (`app/about/page.tsx`). */
export interface GeneratedFile {
  path: string;
  content: string;
}

export interface AgentOutput {
  files: GeneratedFile[];
  generator: "offline" | "anthropic";
  inputTokens: number;
  outputTokens: number;
  /** One line for the job's log and the fixer's "prior diff summary". */
  summary: string;
}

export interface PageAgentInput {
  spec: GenerationSpec;
  page: PageSpec;
  usage: UsageContext;
}

export interface IntegrationAgentInput {
  spec: GenerationSpec;
  /** What the page agents wrote, by page. */
  pages: { pageId: string; route: string; name: string; files: string[] }[];
  usage: UsageContext;
}

export interface FixAgentInput {
  spec: GenerationSpec;
  /** 1-based fix round. */
  round: number;
  /** The failing command and its exact (redacted) output. */
  failure: { command: string; output: string };
  /** What earlier rounds changed: the fixer is told to keep churn low. */
  priorDiffSummary: string;
  /** The app's current source files (app/, components/, lib/, config), capped. */
  files: GeneratedFile[];
  usage: UsageContext;
}

export type PageAgent = (llm: LlmService, input: PageAgentInput) => Promise<AgentOutput>;
export type IntegrationAgent = (llm: LlmService, input: IntegrationAgentInput) => Promise<AgentOutput>;
export type FixAgent = (llm: LlmService, input: FixAgentInput) => Promise<AgentOutput>;

/** A rejected file: the scope check names the path and why, and the job logs it as a warning. */
export interface RejectedFile {
  path: string;
  reason: string;
}
