import { checkSandboxPath } from "./paths";
import type { SandboxJob, SandboxResult, SandboxSessions } from "./types";

export interface RunJobOptions {
  /** For the warning when the final delete fails ("Daytona", "local"). */
  provider: string;
  /** Reads the job's `collect` paths back; missing files are left out. */
  collect: (id: string, paths: string[]) => Promise<Record<string, Buffer>>;
}

/** The one-shot `run(job)` on top of sessions: create, upload, execute, download, always delete. */
export async function runJob(sessions: SandboxSessions, job: SandboxJob, opts: RunJobOptions): Promise<SandboxResult> {
  const started = Date.now();
  // Before anything is created, so a bad path costs nothing to clean up.
  job.files.forEach((f) => checkSandboxPath(f.path));
  (job.collect ?? []).forEach(checkSandboxPath);
  const { id } = await sessions.create({
    labels: job.labels ?? {},
    // Backstop if the delete below fails.
    maxLifetimeMinutes: Math.max(5, Math.ceil(job.timeoutSeconds / 60) + 5),
  });
  try {
    if (job.files.length > 0) await sessions.upload(id, job.files);
    const outcome = await sessions.exec(id, { command: job.command, timeoutSeconds: job.timeoutSeconds, env: job.env });
    const files = job.collect?.length ? await opts.collect(id, job.collect) : {};
    return { ...outcome, files, durationMs: Date.now() - started };
  } finally {
    await sessions.delete(id).catch((err: unknown) => {
      console.warn(`[sandbox] could not delete ${opts.provider} sandbox ${id}: ${(err as Error).message}`);
    });
  }
}
