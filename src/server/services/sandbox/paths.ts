import path from "node:path";

/** One mebibyte: enough for build logs, small enough to store in a step output. */
export const DEFAULT_OUTPUT_CAP_BYTES = 1024 * 1024;

/**
 * Checks a job's relative file path ("src/index.ts") and returns it in posix form. Absolute paths,
 * "..", empty segments and backslashes are refused so a job can only touch its own directory.
 */
export function checkSandboxPath(input: string): string {
  // eslint-disable-next-line no-control-regex
  const bad = input === "" || input.startsWith("/") || /[\u0000-\u001f\\]/.test(input);
  if (bad || input.split("/").some((s) => s === "" || s === "." || s === "..")) {
    throw new Error(`Invalid sandbox file path: ${JSON.stringify(input)}`);
  }
  return input;
}

/** Joins a checked relative path onto the sandbox's directory (local separator). */
export function resolveInside(root: string, relative: string): string {
  return path.join(root, ...checkSandboxPath(relative).split("/"));
}

/** Keeps the first `capBytes` of output; the rest is counted but dropped. */
export function truncateOutput(output: string, capBytes: number): { output: string; truncated: boolean } {
  const bytes = Buffer.from(output, "utf8");
  if (bytes.length <= capBytes) return { output, truncated: false };
  // toString drops a multi-byte character cut in half rather than emitting garbage.
  return {
    output: bytes
      .subarray(0, capBytes)
      .toString("utf8")
      .replace(/\uFFFD$/, ""),
    truncated: true,
  };
}

/** The only variables a local job sees: never the parent's secrets. */
export function buildSandboxEnv(home: string, jobEnv: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? "/usr/local/bin:/usr/bin:/bin",
    HOME: home,
    LANG: process.env.LANG ?? "C.UTF-8",
    ...jobEnv,
  };
}
