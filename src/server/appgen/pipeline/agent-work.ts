import type { Db } from "@/server/db";
import { eq, sql } from "drizzle-orm";
import { appGenerationJobs, type AppJobStage } from "@/server/db/schema/appgen";
import type { LlmService } from "@/server/services/llm/types";
import type { SandboxSessions } from "@/server/services/sandbox/types";
import type { AgentOutput, GeneratedFile, RejectedFile } from "../agents/types";
import { appendJobLog } from "../logs";
import { type AgentScope, pipelineAgents } from "./agents";
import { loadJobSpec } from "./job-state";
import { pageTaskFiles, recordTask, type TaskRecord } from "./tasks";
import { uploadWorkspaceFiles } from "./workspace";

export interface JobRef {
  organizationId: string;
  projectId: string;
  jobId: string;
}

const usage = (ref: JobRef, runId: string, task: string) => ({
  organizationId: ref.organizationId,
  projectId: ref.projectId,
  runId,
  feature: "app-generation" as const,
  dedupeKey: `appgen:${ref.jobId}:${task}`,
});

/** The page agent for one page (a model call): its files, not yet checked. */
export async function generatePage(deps: { db: Db; llm: LlmService }, input: JobRef & { pageId: string; runId: string }): Promise<AgentOutput> {
  const spec = await loadJobSpec(deps.db, input.jobId);
  const page = spec.pages.find((p) => p.pageId === input.pageId);
  if (!page) throw new Error(`Page ${input.pageId} is not in the job's spec`);
  return pipelineAgents().page(deps.llm, { spec, page, usage: usage(input, input.runId, `page:${page.pageId}`) });
}

/** The integration agent, told what every page agent wrote. */
export async function generateIntegration(deps: { db: Db; llm: LlmService }, input: JobRef & { runId: string }): Promise<AgentOutput> {
  const spec = await loadJobSpec(deps.db, input.jobId);
  const written = await pageTaskFiles(deps.db, input.jobId);
  const pages = spec.pages.map((p) => ({ pageId: p.pageId, route: p.route, name: p.name, files: written[p.pageId] ?? [] }));
  return pipelineAgents().integration(deps.llm, { spec, pages, usage: usage(input, input.runId, "integration") });
}

/** The scope check (on the files, not the prompt), then the accepted files into `workspace/`. */
export async function writeAgentFiles(
  sessions: SandboxSessions,
  input: { sandboxId: string; scope: AgentScope; files: GeneratedFile[] },
): Promise<{ written: string[]; rejected: RejectedFile[] }> {
  const { accepted, rejected } = pipelineAgents().checkFiles(input.scope, input.files);
  return { written: await uploadWorkspaceFiles(sessions, { sandboxId: input.sandboxId, files: accepted }), rejected };
}

/**
 * The task's row, which model wrote it (on the job: "anthropic" once any agent used the real model, so
 * the progress view labels an offline-written app as simulated), and its log lines; a rejected file is
 * a warning in the log, not a failure.
 */
export async function recordAgentTask(
  db: Db,
  input: { task: TaskRecord; stage: AppJobStage; summary: string; rejected: RejectedFile[]; generator: AgentOutput["generator"] },
): Promise<void> {
  await recordTask(db, input.task);
  await db
    .update(appGenerationJobs)
    .set({ generator: sql`case when ${appGenerationJobs.generator} = 'anthropic' then 'anthropic' else ${input.generator} end` })
    .where(eq(appGenerationJobs.id, input.task.jobId));
  const ref = { organizationId: input.task.organizationId, jobId: input.task.jobId, stage: input.stage, taskKey: input.task.key };
  await appendJobLog(db, [
    { ...ref, message: `${input.task.key}: ${input.summary} (${input.task.files?.length ?? 0} files)` },
    ...input.rejected.map((r) => ({ ...ref, level: "warn" as const, message: `${input.task.key}: refused ${r.path}: ${r.reason}` })),
  ]);
}

/** A page agent's files, checked against that page's scope and written. */
export async function writePageFiles(deps: { db: Db; sessions: SandboxSessions }, input: { sandboxId: string; jobId: string; pageId: string; files: GeneratedFile[] }) {
  const spec = await loadJobSpec(deps.db, input.jobId);
  const page = spec.pages.find((p) => p.pageId === input.pageId);
  if (!page) throw new Error(`Page ${input.pageId} is not in the job's spec`);
  return writeAgentFiles(deps.sessions, { sandboxId: input.sandboxId, scope: { kind: "page", page }, files: input.files });
}

/** The fixer for round n: the exact (redacted) failure, what earlier rounds changed, the current sources. */
export async function generateFix(
  deps: { db: Db; llm: LlmService },
  input: JobRef & { runId: string; round: number; failure: { command: string; output: string }; priorDiffSummary: string; files: GeneratedFile[] },
): Promise<AgentOutput> {
  const spec = await loadJobSpec(deps.db, input.jobId);
  const { round, failure, priorDiffSummary, files } = input;
  return pipelineAgents().fix(deps.llm, { spec, round, failure, priorDiffSummary, files, usage: usage(input, input.runId, `fix:${round}`) });
}
