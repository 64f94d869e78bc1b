import { mkdir, mkdtemp, readFile, realpath, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { sessionsPending } from "./sessions-pending";
import type { SandboxJob, SandboxResult, SandboxService } from "./types";
import { buildSandboxEnv, DEFAULT_OUTPUT_CAP_BYTES, resolveInside } from "./paths";
import { runCommand } from "./run-command";

export interface LocalSandboxOptions {
  outputCapBytes?: number;
  /** Parent of the per-run temp dirs; the OS temp dir by default. */
  baseDir?: string;
}

/**
 * Runs jobs as local processes: a fresh temp dir per run, a scrubbed environment, a timeout that
 * kills the process group and an output cap. It is not an isolation boundary (same user, same
 * network), which is why production code paths should have Daytona configured.
 */
export function createLocalSandbox(opts: LocalSandboxOptions = {}): SandboxService {
  const outputCapBytes = opts.outputCapBytes ?? DEFAULT_OUTPUT_CAP_BYTES;
  return {
    kind: "local",
    sessions: sessionsPending("local"),
    async run(job: SandboxJob): Promise<SandboxResult> {
      const started = Date.now();
      const root = await mkdtemp(path.join(opts.baseDir ?? tmpdir(), "aigency-sandbox-"));
      try {
        const workDir = path.join(root, "work");
        await mkdir(workDir);
        for (const file of job.files) {
          const target = resolveInside(workDir, file.path);
          await mkdir(path.dirname(target), { recursive: true });
          await writeFile(target, file.content);
        }
        const outcome = await runCommand({
          command: job.command,
          cwd: workDir,
          env: buildSandboxEnv(root, job.env),
          timeoutMs: Math.max(1, job.timeoutSeconds) * 1000,
          outputCapBytes,
        });
        const files = await collectFiles(workDir, job.collect ?? []);
        return { ...outcome, files, durationMs: Date.now() - started };
      } finally {
        await rm(root, { recursive: true, force: true });
      }
    },
  };
}

async function collectFiles(workDir: string, paths: string[]): Promise<Record<string, Buffer>> {
  const files: Record<string, Buffer> = {};
  const realWorkDir = await realpath(workDir);
  for (const relative of paths) {
    const target = resolveInside(workDir, relative);
    try {
      // A job could leave a symlink to a host file; only read what really lives in its dir.
      const real = await realpath(target);
      if (!real.startsWith(realWorkDir + path.sep)) continue;
      files[relative] = await readFile(real);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== "ENOENT" && code !== "EISDIR" && code !== "ENOTDIR") throw err;
    }
  }
  return files;
}
