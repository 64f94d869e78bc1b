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
}
