import { env } from "@/env";
import type { Db } from "@/server/db";
import type { SandboxSessions } from "@/server/services/sandbox/types";
import { appendJobLog } from "../logs";
import { addJobWarning } from "./job-state";
import { recordTask } from "./tasks";
import { type CommandOutcome, runSandboxCommand } from "./workspace";

/** Each command's own budget; the job's deadline cuts it further. */
export const COMMAND_BUDGET_SECONDS = { install: 600, build: 900, lint: 300 } as const;
export type ValidationCommand = keyof typeof COMMAND_BUDGET_SECONDS;

const COMMANDS: Record<ValidationCommand, string> = {
  install: "npm install --no-audit --no-fund",
  build: "npm run build",
  lint: "npm run lint",
};

/** What the commands see: the shared npm cache when configured, and nothing of the app's secrets. */
export function commandEnv(e = env()): Record<string, string> {
  return {
    ...(e.APPGEN_NPM_CACHE_DIR ? { npm_config_cache: e.APPGEN_NPM_CACHE_DIR } : {}),
    npm_config_update_notifier: "false",
    NEXT_TELEMETRY_DISABLED: "1",
    CI: "1",
  };
}

export function runValidationCommand(sessions: SandboxSessions, input: { sandboxId: string; command: ValidationCommand; timeoutSeconds: number }): Promise<CommandOutcome> {
  return runSandboxCommand(sessions, { sandboxId: input.sandboxId, command: COMMANDS[input.command], cwd: "workspace", timeoutSeconds: input.timeoutSeconds, env: commandEnv() });
}

export const commandLine = (command: ValidationCommand) => COMMANDS[command];

/**
 * A command's task row and log (its output is already redacted); an install failure is a warning, a
 * build or lint failure is for the fixer.
 */
export async function recordValidationCommand(
  db: Db,
  input: { organizationId: string; jobId: string; command: ValidationCommand; round: number; outcome: CommandOutcome },
): Promise<void> {
  const { command, round, outcome } = input;
  const key = command === "install" ? "install" : `${command}:${round}`;
  const verdict = outcome.ok ? "passed" : outcome.timedOut ? "timed out" : `failed (exit ${outcome.exitCode})`;
  await recordTask(db, {
    organizationId: input.organizationId,
    jobId: input.jobId,
    key,
    kind: command,
    round,
    status: outcome.ok ? "done" : "failed",
    error: outcome.ok ? null : outcome.output.slice(-4000),
    durationMs: outcome.durationMs,
  });
  const stage = round > 0 ? "fix" : "validate";
  await appendJobLog(db, {
    organizationId: input.organizationId,
    jobId: input.jobId,
    stage,
    taskKey: key,
    level: outcome.ok ? "info" : "warn",
    message: `${COMMANDS[command]} ${verdict}${outcome.ok ? "" : `\n${outcome.output}`}`,
  });
  if (command === "install" && !outcome.ok) await addJobWarning(db, input.jobId, "npm install failed; the app is delivered anyway");
}
