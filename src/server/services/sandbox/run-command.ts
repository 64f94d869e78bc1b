import { spawn } from "node:child_process";
import { constants } from "node:os";

export interface CommandOutcome {
  exitCode: number;
  output: string;
  outputTruncated: boolean;
  timedOut: boolean;
}

export interface CommandInput {
  command: string;
  cwd: string;
  env: Record<string, string>;
  timeoutMs: number;
  outputCapBytes: number;
  /** Called with the spawned shell's pid (= its process group and session id) before it can do much. */
  onStart?: (pgid: number) => unknown;
  /**
   * Ends everything the command started; by default its process group. Callers that can also find
   * processes which left the group (setsid) pass their own. Awaited before the outcome is answered.
   */
  endTree?: (pgid: number) => Promise<unknown>;
}

/**
 * Runs `sh -c command` in its own process group and session so a timeout can kill everything it
 * started, keeping at most `outputCapBytes` of combined stdout+stderr.
 */
export function runCommand(input: CommandInput): Promise<CommandOutcome> {
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

    let ending: Promise<unknown> = Promise.resolve();
    const killTree = () => {
      const pgid = child.pid;
      if (!pgid) return;
      ending = Promise.all([ending, (input.endTree ?? killGroup)(pgid).catch(() => undefined)]);
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killTree();
    }, input.timeoutMs);
    let started: Promise<unknown> = Promise.resolve();
    if (child.pid && input.onStart) started = Promise.resolve(input.onStart(child.pid)).catch(() => undefined);

    child.on("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
    // Background children of a finished shell would hold the pipes open (and outlive the temp
    // dir); end the whole group as soon as the shell exits. Output already piped is still read.
    child.on("exit", killTree);
    child.on("close", async (code, signal) => {
      clearTimeout(timer);
      await started;
      await ending;
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

async function killGroup(pgid: number) {
  try {
    process.kill(-pgid, "SIGKILL");
  } catch {
    // Already gone.
  }
}
