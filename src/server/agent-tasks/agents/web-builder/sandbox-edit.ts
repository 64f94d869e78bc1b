import type { SandboxFile } from "@/server/services/sandbox/types";
import { recordLedgerEntry } from "@/server/usage/record";
import { callTool, type AgentLog } from "../tool-log";
import type { AgentDeps } from "../types";
import type { CodeEdit } from "./hero-edit";
import { unifiedDiff } from "./unified-diff";

const READ_LIMITS = { maxFileBytes: 1024 * 1024, maxTotalBytes: 8 * 1024 * 1024 };
const MAX_GIVEN = 6;
const TEXT = /\.(tsx?|jsx?|css|md|json)$/;

/** The files the model sees: the home page first, then source that speaks of the hero, at most six. */
export function relevantPaths(files: SandboxFile[]): string[] {
  const text = files.filter((f) => TEXT.test(f.path));
  const home = text.filter((f) => /^(src\/)?app\/page\.(tsx|jsx)$/.test(f.path)).map((f) => f.path);
  const hero = text.filter((f) => !home.includes(f.path) && /hero/i.test(`${f.path}\n${f.content.toString()}`)).map((f) => f.path);
  return [...home, ...hero.sort()].slice(0, MAX_GIVEN);
}

export interface SandboxEditResult {
  edit: CodeEdit;
  patch: string;
  changed: string[];
  sandboxId: string;
}

/**
 * Works on the app inside a sandbox labelled with the agent job: uploads the source, reads the
 * relevant files back, asks for the edit, writes it, reads the files again and diffs the two readings.
 * The sandbox is deleted however the run ends; an edit of a file the model was not given is refused.
 */
export async function editInSandbox(
  deps: AgentDeps,
  o: { agentJobId: string; organizationId: string; projectId: string | null; files: SandboxFile[]; log: AgentLog; ask: (given: { path: string; content: string }[]) => Promise<CodeEdit> },
): Promise<SandboxEditResult> {
  const { sessions } = deps.services.sandbox;
  const { log } = o;
  const labels = { agentJobId: o.agentJobId };
  const { id } = await callTool(log, { tool: "sandbox_create", input: labels, run: () => sessions.create({ labels, maxLifetimeMinutes: 30 }), describe: (s) => s.id });
  const createdAt = Date.now();
  try {
    await callTool(log, { tool: "sandbox_upload", input: { files: o.files.length }, run: () => sessions.upload(id, o.files), describe: () => `${o.files.length} files` });
    const paths = relevantPaths(o.files);
    const read = () => sessions.download(id, paths, READ_LIMITS);
    const before = await callTool(log, { tool: "sandbox_read", input: { paths }, run: read, describe: (f) => `${Object.keys(f).length} files` });
    const given = Object.entries(before).map(([path, content]) => ({ path, content: content.toString("utf8") }));
    const edit = await callTool(log, { tool: "edit_code", input: { paths }, run: () => o.ask(given), describe: (e) => `${e.files.length} files edited` });
    const stranger = edit.files.find((f) => !paths.includes(f.path));
    if (stranger) throw new Error(`The model edited ${stranger.path}, a file it was not given; refusing the edit`);
    const written: SandboxFile[] = edit.files.map((f) => ({ path: f.path, content: f.content }));
    if (written.length) {
      await callTool(log, { tool: "sandbox_write", input: { paths: written.map((f) => f.path) }, run: () => sessions.upload(id, written), describe: () => `${written.length} files` });
    }
    const after = await callTool(log, { tool: "sandbox_read", input: { paths }, run: read, describe: (f) => `${Object.keys(f).length} files` });
    const { patch, changed } = unifiedDiff(before, after);
    return { edit, patch, changed, sandboxId: id };
  } finally {
    await callTool(log, { tool: "sandbox_delete", input: { id }, run: () => sessions.delete(id), describe: (gone) => (gone ? "deleted" : "already gone") });
    // Created → deleted, billed once per agent job: a retried step's second sandbox is not billed again.
    await recordLedgerEntry(deps.db, {
      organizationId: o.organizationId,
      projectId: o.projectId,
      runId: o.agentJobId,
      dedupeKey: `agent-job:${o.agentJobId}:sandbox`,
      feature: "agent-tasks",
      kind: "SANDBOX_SECONDS",
      seconds: (Date.now() - createdAt) / 1000,
      provider: deps.services.sandbox.kind,
    });
  }
}
