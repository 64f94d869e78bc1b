import { buildSandboxEnv } from "@/server/services/sandbox/paths";
import { runCommand } from "@/server/services/sandbox/run-command";

export type RunProbe = (script: string) => Promise<{ exitCode: number; output: string }>;

/**
 * Runs the probe as the local sandbox runs a command: `sh -c` in its own process group, scrubbed env,
 * timeout, output cap. It spawns directly rather than through `SandboxSessions`, whose local
 * implementation was not on main yet; swap this for a session (create with the template, exec) then.
 */
export function localProbeRunner(root: string): RunProbe {
  return (script) =>
    runCommand({ command: script, cwd: root, env: buildSandboxEnv(root), timeoutMs: 60_000, outputCapBytes: 256 * 1024 });
}
