import type { SandboxSessions } from "@/server/services/sandbox/types";
import type { GeneratedFile } from "../agents/types";
import { configuredSecrets } from "../logs";
import { redact, redactedTail } from "@/server/redact";

/** What a command left for the log and the fixer: redacted before it leaves this module. */
export interface CommandOutcome {
  ok: boolean;
  exitCode: number;
  timedOut: boolean;
  /** The redacted tail of stdout+stderr: where a failing build says what went wrong. */
  output: string;
  durationMs: number;
}

const OUTPUT_TAIL = 12_000;

/** Runs one command in the sandbox; its output never leaves unredacted, even in a thrown error. */
export async function runSandboxCommand(
  sessions: SandboxSessions,
  input: { sandboxId: string; command: string; cwd?: string; timeoutSeconds: number; env?: Record<string, string> },
): Promise<CommandOutcome> {
  const result = await sessions.exec(input.sandboxId, { command: input.command, cwd: input.cwd, timeoutSeconds: input.timeoutSeconds, env: input.env });
  const output = redactedTail(result.output, OUTPUT_TAIL, configuredSecrets());
  return { ok: result.exitCode === 0 && !result.timedOut, exitCode: result.exitCode, timedOut: result.timedOut, output, durationMs: result.durationMs };
}

/** The app's files from prepare.mjs: starter files, node_modules, package.json, config and run scripts. */
export async function prepareWorkspace(sessions: SandboxSessions, input: { sandboxId: string; timeoutSeconds: number }): Promise<CommandOutcome> {
  return runSandboxCommand(sessions, { sandboxId: input.sandboxId, command: "node .agent/bin/prepare.mjs", timeoutSeconds: input.timeoutSeconds });
}

/** Writes agent files (already scope-checked) into `workspace/`. */
export async function uploadWorkspaceFiles(sessions: SandboxSessions, input: { sandboxId: string; files: GeneratedFile[] }): Promise<string[]> {
  if (input.files.length > 0) await sessions.upload(input.sandboxId, input.files.map((f) => ({ path: `workspace/${f.path}`, content: f.content })));
  return input.files.map((f) => f.path);
}

const SOURCES_MAX_BYTES = 400 * 1024;

/** The app's current source files for the fixer (list-sources.mjs decides which), capped in total and redacted. */
export async function collectSources(sessions: SandboxSessions, input: { sandboxId: string; timeoutSeconds: number }): Promise<GeneratedFile[]> {
  const listed = await sessions.exec(input.sandboxId, { command: "node .agent/bin/list-sources.mjs", timeoutSeconds: input.timeoutSeconds });
  if (listed.exitCode !== 0) throw new Error(`Listing the app's files failed: ${redactedTail(listed.output, 500, configuredSecrets())}`);
  const paths = (JSON.parse(listed.output.trim().split("\n").pop() ?? "[]") as string[]).filter((p) => p !== "package-lock.json");
  const files = await sessions.download(input.sandboxId, paths.map((p) => `workspace/${p}`), { maxFileBytes: 64 * 1024, maxTotalBytes: SOURCES_MAX_BYTES * 4 });
  const out: GeneratedFile[] = [];
  const secrets = configuredSecrets();
  let total = 0;
  for (const p of paths) {
    // Redacted like command output: the sources are a step output and go to the model.
    const raw = files[`workspace/${p}`]?.toString("utf8");
    const content = raw === undefined ? undefined : redact(raw, secrets);
    if (content === undefined || total + content.length > SOURCES_MAX_BYTES) continue;
    total += content.length;
    out.push({ path: p, content });
  }
  return out;
}

/** The app's package.json scripts (lint runs only when there is one). */
export async function readPackageScripts(sessions: SandboxSessions, sandboxId: string): Promise<Record<string, string>> {
  const files = await sessions.download(sandboxId, ["workspace/package.json"], { maxFileBytes: 256 * 1024, maxTotalBytes: 256 * 1024 });
  const raw = files["workspace/package.json"];
  if (!raw) return {};
  try {
    return (JSON.parse(raw.toString("utf8")) as { scripts?: Record<string, string> }).scripts ?? {};
  } catch {
    return {};
  }
}
