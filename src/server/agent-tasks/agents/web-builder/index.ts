import { askModel } from "../model";
import { callTool, type AgentLog } from "../tool-log";
import type { AgentDeps, AgentIssueInput, ArtifactDraft } from "../types";
import { findGeneratedApp, unzipSource } from "./app-source";
import { codeEditSchema, WEB_BUILDER_PURPOSE, WEB_BUILDER_SYSTEM } from "./hero-edit";
import { editInSandbox } from "./sandbox-edit";

const GENERATE_FIRST =
  "This project has no generated website yet, so there is no code to change. Generate the website first (Website → Generate), then ask again.";

const recommend = (content: string) => ({ summary: content, artifacts: [{ type: "RECOMMENDATION", name: "website-change", content }] as ArtifactDraft[] });

/**
 * web-builder: edits the project's generated app inside a sandbox and hands back the change as a
 * CODE_CHANGE artifact with a unified diff. It never stores or deploys the edited app: the owner reviews the diff.
 */
export async function runWebBuilder(deps: AgentDeps, input: AgentIssueInput, log: AgentLog) {
  if (!input.projectId) return recommend(GENERATE_FIRST);
  const scope = { organizationId: input.organizationId, projectId: input.projectId };
  const app = await callTool(log, { tool: "find_generated_app", input: scope, run: () => findGeneratedApp(deps, scope), describe: (a) => (a ? `app job ${a.appJobId}` : "none") });
  if (!app) return recommend(GENERATE_FIRST);
  const files = await callTool(log, {
    tool: "read_app_source",
    input: { appJobId: app.appJobId },
    run: async () => unzipSource(await deps.services.storage.get(app.storageKey)),
    describe: (f) => `${f.length} source files`,
  });
  const request = `${input.title}\n${input.description}`.trim();
  const result = await editInSandbox(deps, {
    agentJobId: input.jobId,
    organizationId: input.organizationId,
    projectId: input.projectId,
    files,
    log,
    ask: (given) => askModel(deps, input, { purpose: WEB_BUILDER_PURPOSE, schema: codeEditSchema, system: WEB_BUILDER_SYSTEM, facts: { request, files: given }, maxTokens: 32_000 }),
  });
  if (!result.patch) return recommend(`No change was made. ${result.edit.summary}`);
  return {
    summary: result.edit.summary,
    artifacts: [
      {
        type: "CODE_CHANGE" as const,
        name: "website-change",
        content: result.edit.summary,
        filePath: result.changed.length === 1 ? result.changed[0] : undefined,
        diffPatch: result.patch,
        metadata: { appJobId: app.appJobId, changedFiles: result.changed },
      },
    ],
  };
}
