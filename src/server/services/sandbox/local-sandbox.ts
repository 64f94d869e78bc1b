import { createLocalSessions } from "./local-sessions";
import { defaultSandboxesDir, requireSandboxDir } from "./local-sandbox-dir";
import { readSandboxFiles } from "./local-files";
import { localTemplatesRoot } from "./local-templates";
import { DEFAULT_OUTPUT_CAP_BYTES } from "./paths";
import { runJob } from "./run-job";
import type { SandboxService } from "./types";

export interface LocalSandboxOptions {
  outputCapBytes?: number;
  /** Parent of the per-sandbox dirs; `<os temp>/aigency-sandboxes` by default. */
  baseDir?: string;
  /** Parent of the prepared templates; `<DATA_DIR>/sandbox-templates` by default. */
  templatesDir?: string;
}

const NO_LIMITS = { maxFileBytes: Number.POSITIVE_INFINITY, maxTotalBytes: Number.POSITIVE_INFINITY };

/**
 * Runs commands as local processes: a fresh directory per sandbox, a scrubbed environment, a
 * timeout that kills everything the command started and an output cap. It is not an isolation
 * boundary (same user, same network), which is why production code paths should have Daytona.
 */
export function createLocalSandbox(opts: LocalSandboxOptions = {}): SandboxService {
  const sandboxesDir = opts.baseDir ?? defaultSandboxesDir();
  const sessions = createLocalSessions({
    sandboxesDir,
    templatesDir: opts.templatesDir ?? localTemplatesRoot(),
    outputCapBytes: opts.outputCapBytes ?? DEFAULT_OUTPUT_CAP_BYTES,
  });
  return {
    kind: "local",
    sessions,
    run: (job) =>
      runJob(sessions, job, {
        provider: "local",
        // The one-shot contract leaves out a link to outside, as if missing, rather than failing the job.
        collect: async (id, paths) =>
          readSandboxFiles((await requireSandboxDir(sandboxesDir, id)).workDir, paths, {
            limits: NO_LIMITS,
            outside: "skip",
          }),
      }),
  };
}
