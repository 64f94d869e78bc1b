import { registerOfflineGenerator } from "@/server/services/llm";
import type { GenerationSpec } from "../spec";
import { callCodeAgent, readPayload, type AgentAnswer } from "./agent-call";
import { SHARED_COMPONENT_DIR, fallbackPage } from "./fix/fallback-page";
import { filesNamedInErrors, type ErrorLocation } from "./fix/error-files";
import { integrationTask, offlineIntegration } from "./integration-agent";
import { specActions } from "./page-agent";
import { pageFilePath } from "./scope";
import { scaffoldFiles } from "./site/scaffold";
import type { FixAgent, FixAgentInput, GeneratedFile } from "./types";

export const FIX_PURPOSE = "appgen-fix";

const SYSTEM = [
  "You are the fix agent of an app generator: the generated Next.js app failed a validation command. Make it pass.",
  "You get the exact failing command and its output, the files the output names, what earlier fix rounds changed (priorDiffSummary) and the app's current files.",
  "Change as little as possible: fix the errors the output shows, in the files it names; do not restyle, rename, reformat or rewrite anything unrelated. Keep each page's content and look.",
  "Answer with the complete new content of each file you change (only those). If you cannot find a fix, answer with no files and say why in the summary.",
].join("\n");

/** What the fixer is told. Previews travel only for the pages the errors name (they can be large). */
export interface FixTask {
  task: "fix";
  round: number;
  failure: { command: string; output: string };
  priorDiffSummary: string;
  named: ErrorLocation[];
  files: GeneratedFile[];
  brief: GenerationSpec["brief"];
  style: GenerationSpec["style"];
  pages: { pageId: string; route: string; name: string; actions: string[]; selectedPreviewHtml?: string }[];
  actions: string[];
}

const pageOf = (path: string, pages: FixTask["pages"]) =>
  pages.find((p) => path === pageFilePath(p.route) || path.startsWith(`components/pages/${p.pageId}/`));

export function fixTask(input: Omit<FixAgentInput, "usage">): FixTask {
  const named = filesNamedInErrors(input.failure.output, new Set(input.files.map((f) => f.path)));
  const pages = input.spec.pages.map((p) => ({ pageId: p.pageId, route: p.route, name: p.name, actions: p.actions }));
  const broken = new Set(named.map((n) => pageOf(n.path, pages)?.pageId).filter(Boolean));
  return {
    task: "fix",
    round: input.round,
    failure: input.failure,
    priorDiffSummary: input.priorDiffSummary,
    named,
    files: input.files,
    brief: input.spec.brief,
    style: input.spec.style,
    pages: input.spec.pages.map((p, i) => ({ ...pages[i]!, ...(broken.has(p.pageId) ? { selectedPreviewHtml: p.selectedPreviewHtml } : {}) })),
    actions: specActions(input.spec),
  };
}

/**
 * The deterministic fixer: every file the errors name is put back to a version known to build — a
 * broken page becomes its sanitized preview (fix/fallback-page.ts), a broken shared file or config the
 * generator's own. Files already in that state are left alone, so a second round that fails the same
 * way says it found no fix instead of churning.
 */
export function offlineFix(task: FixTask): AgentAnswer {
  const current = new Map(task.files.map((f) => [f.path, f.content]));
  const known = new Map<string, GeneratedFile[]>();
  const spec = { brief: task.brief, style: task.style, globalNotes: "", pages: task.pages.map((p) => ({ ...p, notes: "" })) };
  for (const f of [...offlineIntegration(integrationTask({ spec, pages: [] })).files, ...scaffoldFiles(task)]) {
    known.set(f.path, [f]);
  }
  const changes = new Map<string, string>();
  const reasons: string[] = [];
  for (const { path } of task.named) {
    const page = pageOf(path, task.pages);
    const replacement = page?.selectedPreviewHtml !== undefined ? fallbackPage({ ...page, selectedPreviewHtml: page.selectedPreviewHtml }, { pagePath: pageFilePath(page.route), componentDir: SHARED_COMPONENT_DIR }) : known.get(path);
    const fresh = (replacement ?? []).filter((f) => current.get(f.path) !== f.content && !changes.has(f.path));
    if (fresh.length === 0) continue;
    for (const f of fresh) changes.set(f.path, f.content);
    reasons.push(page ? `${page.name} page (${path}) → its sanitized preview` : `${path} → the generated original`);
  }
  if (changes.size === 0) {
    const why = task.named.length ? `the named files (${task.named.map((n) => n.path).join(", ")}) are already in their safe form` : "the output names no file of the app";
    return { files: [], summary: `Round ${task.round}: could not find a fix: ${why}.` };
  }
  return { files: [...changes].map(([path, content]) => ({ path, content })), summary: `Round ${task.round}: rewrote ${reasons.join("; ")}` };
}

registerOfflineGenerator(FIX_PURPOSE, (input) => offlineFix(readPayload<FixTask>(input.lastUserMessage)));

export const fixApp: FixAgent = (llm, input) =>
  callCodeAgent(llm, { purpose: FIX_PURPOSE, system: SYSTEM, payload: fixTask(input), offline: offlineFix, usage: input.usage, maxTokens: 32_000 });
