export interface SandboxFile {
  path: string;
  content: Buffer | string;
}

export interface SandboxJob {
  /** Files written into the sandbox's working directory before the command runs. */
  files: SandboxFile[];
  command: string;
  timeoutSeconds: number;
  env?: Record<string, string>;
  /** Relative paths to read back after the command finishes (missing ones are left out). */
  collect?: string[];
  labels?: Record<string, string>;
}

export interface SandboxResult {
  exitCode: number;
  /** Combined stdout+stderr, truncated to the implementation's cap. */
  output: string;
  outputTruncated: boolean;
  timedOut: boolean;
  files: Record<string, Buffer>;
  durationMs: number;
}

export interface SandboxService {
  readonly kind: "daytona" | "local";
  /** Create, upload, execute, download, and always delete, even when a step throws. */
  run(job: SandboxJob): Promise<SandboxResult>;
  /** The same sandboxes, kept across steps (see SandboxSessions below). */
  readonly sessions: SandboxSessions;
}

/**
 * A sandbox that lives across several Inngest steps: created once, then uploaded to, run in and read
 * from one stage at a time by id, and deleted at the end (and by the failure/cancellation handlers,
 * which find it again by label). Every method takes the id, never a handle, because each step may
 * run in another process. `delete` of a sandbox that is already gone answers `false`, not an error.
 */
export interface SandboxCreateOptions {
  /** Labels to find it again (e.g. `{ app: "aigency", creativeVersionId }`); `app` is always added. */
  labels: Record<string, string>;
  /** The pre-built template to start from ("creative-agent"); the implementation maps it to a snapshot/dir. */
  template?: string;
  /** Backstop: the provider removes it after this long even if nobody deletes it. */
  maxLifetimeMinutes?: number;
}

export interface SandboxExecOptions {
  command: string;
  /** Relative to the sandbox's working directory; "." by default. */
  cwd?: string;
  timeoutSeconds: number;
  /** Only these variables reach the command (plus PATH/HOME/LANG); secrets go here, never in `command`. */
  env?: Record<string, string>;
}

export interface SandboxExecResult {
  exitCode: number;
  output: string;
  outputTruncated: boolean;
  timedOut: boolean;
  durationMs: number;
}

export interface SandboxDownloadLimits {
  /** A file bigger than this fails the download with SandboxLimitError. */
  maxFileBytes: number;
  /** All requested files together. */
  maxTotalBytes: number;
}

/**
 * The sandbox errors are told apart by name (`SandboxLimitError.is(err)`), not `instanceof`: under
 * `next start` with the embedded database, the deps (and so the services) are first built by
 * `instrumentation.ts`, in its own bundle, while the functions run in the route bundle; each bundle has
 * its own copy of this module, so a class from one is not the other's (seen in the e2e run).
 */
const named = (name: string) => (error: unknown) => error instanceof Error && error.name === name;

export class SandboxLimitError extends Error {
  static is = named("SandboxLimitError") as (error: unknown) => error is SandboxLimitError;
  constructor(message: string) {
    super(message);
    this.name = "SandboxLimitError";
  }
}

/** The sandbox id no longer exists (deleted, expired, or never created). */
export class SandboxGoneError extends Error {
  static is = named("SandboxGoneError") as (error: unknown) => error is SandboxGoneError;
  constructor(readonly sandboxId: string) {
    super(`Sandbox ${sandboxId} no longer exists`);
    this.name = "SandboxGoneError";
  }
}

export interface SandboxSessions {
  create(opts: SandboxCreateOptions): Promise<{ id: string; snapshot: string | null }>;
  upload(id: string, files: SandboxFile[]): Promise<void>;
  exec(id: string, opts: SandboxExecOptions): Promise<SandboxExecResult>;
  /** Relative paths; missing files are left out of the answer. */
  download(id: string, paths: string[], limits: SandboxDownloadLimits): Promise<Record<string, Buffer>>;
  delete(id: string): Promise<boolean>;
  /** Ids of live sandboxes carrying every given label. */
  findByLabels(labels: Record<string, string>): Promise<string[]>;
  /**
   * Live sandboxes carrying the label `key` whatever its value, with their labels: how a sweep finds
   * every sandbox of a kind (`appgenJobId`) and decides from each one's value whether it is stale.
   */
  findLabelled(key: string): Promise<{ id: string; labels: Record<string, string> }[]>;
}

/** The pre-built template a sandbox was asked to start from has not been prepared (embedded mode). */
export class SandboxTemplateMissingError extends Error {
  static is = named("SandboxTemplateMissingError") as (error: unknown) => error is SandboxTemplateMissingError;
  constructor(readonly template: string, message: string) {
    super(message);
    this.name = "SandboxTemplateMissingError";
  }
}

/** The provider kept failing (409, 429 or 5xx) after a few retries, or asked us to wait too long. */
export class SandboxUnavailableError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = "SandboxUnavailableError";
  }
}
