import { spawn } from "node:child_process";
import { constants } from "node:os";

export interface CommandOutcome {
  exitCode: number;
  output: string;
  outputTruncated: boolean;
  timedOut: boolean;
}

/**
 * Runs `sh -c command` in its own process group so a timeout can kill everything it started,
 * keeping at most `outputCapBytes` of combined stdout+stderr.
 */
export function runCommand(input: {
  command: string;
  cwd: string;
  env: Record<string, string>;
  timeoutMs: number;
  outputCapBytes: number;
}): Promise<CommandOutcome> {
  return new Promise((resolve, reject) => {
    const child = spawn("sh", ["-c", input.command], {
      cwd: input.cwd,
      // Cast: Next augments ProcessEnv with NODE_ENV; the job env deliberately carries only what we chose.
      env: input.env as NodeJS.ProcessEnv,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const chunks: Buffer[] = [];
    let kept = 0;
    let truncated = false;
    let timedOut = false;

    const onData = (chunk: Buffer) => {
      const room = input.outputCapBytes - kept;
      if (room <= 0) {
        truncated = true;
        return;
      }
      if (chunk.length > room) truncated = true;
      const part = chunk.subarray(0, room);
      chunks.push(part);
      kept += part.length;
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);

    const killGroup = () => {
      try {
        if (child.pid) process.kill(-child.pid, "SIGKILL");
      } catch {
        // Already gone.
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, input.timeoutMs);

    child.on("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
    // Background children of a finished shell would hold the pipes open (and outlive the temp
    // dir); end the whole group as soon as the shell exits. Output already piped is still read.
    child.on("exit", killGroup);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const exitCode = code ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 0);
      resolve({
        exitCode,
        output: Buffer.concat(chunks).toString("utf8"),
        outputTruncated: truncated,
        timedOut,
      });
    });
  });
}
