import { Daytona } from "@daytonaio/sdk";
import { DEFAULT_DAYTONA_RETRY, type DaytonaRetryPolicy } from "./daytona-retry";
import { createDaytonaSessions } from "./daytona-sessions";
import { DEFAULT_OUTPUT_CAP_BYTES } from "./paths";
import { runJob } from "./run-job";
import type { SandboxService } from "./types";

export { TIMEOUT_EXIT_CODE, wrapCommand } from "./daytona-exec";
export { DAYTONA_TEMPLATE_ROOT } from "./daytona-sessions";

export interface DaytonaSandboxOptions {
  apiKey: string;
  apiUrl: string;
  /** The snapshot sandboxes start from when `snapshotFor` is not given (DAYTONA_SNAPSHOT). */
  snapshot?: string;
  /** Maps a template ("creative-agent") to the snapshot to start from, e.g. the active verified one. */
  snapshotFor?: (template?: string) => Promise<string | undefined>;
  outputCapBytes?: number;
  /** Bounds create + wait-until-started, in seconds. */
  createTimeoutSeconds?: number;
  retry?: Partial<DaytonaRetryPolicy>;
}

const NO_LIMITS = {
  maxFileBytes: Number.POSITIVE_INFINITY,
  maxTotalBytes: Number.POSITIVE_INFINITY,
};

/** Daytona cloud sandboxes: kept across steps by id (`sessions`), or one-shot (`run`). */
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
  const sessions = createDaytonaSessions({
    daytona,
    snapshotFor: opts.snapshotFor ?? (async () => opts.snapshot),
    outputCapBytes: opts.outputCapBytes ?? DEFAULT_OUTPUT_CAP_BYTES,
    createTimeoutSeconds: opts.createTimeoutSeconds ?? 120,
    retry: { ...DEFAULT_DAYTONA_RETRY, ...opts.retry },
  });
  return {
    kind: "daytona",
    sessions,
    run: (job) =>
      runJob(sessions, job, {
        provider: "Daytona",
        collect: (id, paths) => sessions.download(id, paths, NO_LIMITS),
      }),
  };
}
