import { DaytonaTimeoutError, type Sandbox } from "@daytonaio/sdk";
import { truncateOutput } from "./paths";
import type { SandboxExecResult } from "./types";

/** Exit code reported when the command was cut off, as coreutils `timeout` does. */
export const TIMEOUT_EXIT_CODE = 124;

/**
 * Wraps the job's command so stderr lands in the output too. The whole wrapper is one quoted
 * argument, so it means the same whether the toolbox runs it through a shell or splits it.
 */
export function wrapCommand(command: string): string {
  const script = `{ ${command}\n} 2>&1`;
  return `sh -c '${script.replaceAll("'", `'\\''`)}'`;
}

export async function executeInDaytona(
  sandbox: Sandbox,
  input: {
    command: string;
    cwd: string;
    env: Record<string, string>;
    timeoutSeconds: number;
    capBytes: number;
  },
): Promise<SandboxExecResult> {
  const started = Date.now();
  try {
    const res = await sandbox.process.executeCommand(
      wrapCommand(input.command),
      input.cwd,
      input.env,
      input.timeoutSeconds,
    );
    const { output, truncated } = truncateOutput(res.result ?? "", input.capBytes);
    // The toolbox may answer a timed-out command with a non-zero exit instead of an error.
    const timedOut = res.exitCode !== 0 && Date.now() - started >= input.timeoutSeconds * 1000;
    return {
      exitCode: res.exitCode,
      output,
      outputTruncated: truncated,
      timedOut,
      durationMs: Date.now() - started,
    };
  } catch (err) {
    if (!(err instanceof DaytonaTimeoutError)) throw err;
    return {
      exitCode: TIMEOUT_EXIT_CODE,
      output: err.message,
      outputTruncated: false,
      timedOut: true,
      durationMs: Date.now() - started,
    };
  }
}
