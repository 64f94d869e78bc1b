import path from "node:path";
import { Daytona, DaytonaTimeoutError, type Sandbox } from "@daytonaio/sdk";
import { sessionsPending } from "./sessions-pending";
import type { SandboxJob, SandboxResult, SandboxService } from "./types";
import { checkSandboxPath, DEFAULT_OUTPUT_CAP_BYTES, truncateOutput } from "./paths";

export interface DaytonaSandboxOptions {
  apiKey: string;
  apiUrl: string;
  snapshot?: string;
  outputCapBytes?: number;
  /** Bounds create + wait-until-started, in seconds. */
  createTimeoutSeconds?: number;
}

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

/** Daytona cloud sandboxes: create from a snapshot, upload, execute, download, always delete. */
export function createDaytonaSandbox(opts: DaytonaSandboxOptions): SandboxService {
  let client: Daytona | undefined;
  // Built on first use: the constructor reads dotenv files and validates credentials.
  const daytona = () =>
    (client ??= new Daytona({
      apiKey: opts.apiKey,
      // Always explicit: otherwise the SDK may refuse to start when a dotenv file also sets it.
      apiUrl: opts.apiUrl,
      // Plain HTTP polling instead of a long-lived socket.io connection per process: short jobs,
      // serverless-friendly, and interceptable by msw in tests.
      useDeprecatedPolling: true,
    }));
  const outputCapBytes = opts.outputCapBytes ?? DEFAULT_OUTPUT_CAP_BYTES;

  return {
    kind: "daytona",
    sessions: sessionsPending("daytona"),
    async run(job: SandboxJob): Promise<SandboxResult> {
      const started = Date.now();
      job.files.forEach((f) => checkSandboxPath(f.path));
      (job.collect ?? []).forEach(checkSandboxPath);
      const sandbox = await daytona().create(
        {
          snapshot: opts.snapshot,
          language: "typescript",
          labels: { app: "aigency", ...job.labels },
          // Backstop if the delete below fails: Daytona removes it once it stops.
          ephemeral: true,
          autoStopInterval: Math.max(5, Math.ceil(job.timeoutSeconds / 60) + 5),
        },
        { timeout: opts.createTimeoutSeconds ?? 120 },
      );
      try {
        const workDir = (await sandbox.getWorkDir()) ?? "/home/daytona";
        if (job.files.length > 0) {
          await sandbox.fs.uploadFiles(
            job.files.map((f) => ({
              source: Buffer.isBuffer(f.content) ? f.content : Buffer.from(f.content, "utf8"),
              destination: path.posix.join(workDir, f.path),
            })),
          );
        }
        const outcome = await execute(sandbox, job, workDir, outputCapBytes);
        const files = await download(sandbox, workDir, job.collect ?? []);
        return { ...outcome, files, durationMs: Date.now() - started };
      } finally {
        await sandbox.delete().catch((err: unknown) => {
          console.warn(`[sandbox] could not delete Daytona sandbox ${sandbox.id}: ${(err as Error).message}`);
        });
      }
    },
  };
}

async function execute(sandbox: Sandbox, job: SandboxJob, workDir: string, capBytes: number) {
  const execStarted = Date.now();
  try {
    const res = await sandbox.process.executeCommand(wrapCommand(job.command), workDir, job.env, job.timeoutSeconds);
    const { output, truncated } = truncateOutput(res.result ?? "", capBytes);
    // The toolbox may answer a timed-out command with a non-zero exit instead of an error.
    const timedOut = res.exitCode !== 0 && Date.now() - execStarted >= job.timeoutSeconds * 1000;
    return { exitCode: res.exitCode, output, outputTruncated: truncated, timedOut };
  } catch (err) {
    if (!(err instanceof DaytonaTimeoutError)) throw err;
    return { exitCode: TIMEOUT_EXIT_CODE, output: err.message, outputTruncated: false, timedOut: true };
  }
}

async function download(sandbox: Sandbox, workDir: string, collect: string[]) {
  const files: Record<string, Buffer> = {};
  if (collect.length === 0) return files;
  const sources = collect.map((relative) => ({ relative, source: path.posix.join(workDir, relative) }));
  const results = await sandbox.fs.downloadFiles(sources.map(({ source }) => ({ source })));
  for (const { relative, source } of sources) {
    const result = results.find((r) => r.source === source)?.result;
    // Missing files come back as per-file errors; the contract is to leave them out.
    if (Buffer.isBuffer(result)) files[relative] = result;
  }
  return files;
}
