import { createLocalSandbox } from "@/server/services/sandbox/local-sandbox";
import type { SandboxSessions } from "@/server/services/sandbox/types";

export type RunProbe = (script: string) => Promise<{ exitCode: number; output: string }>;

const PROBE_TIMEOUT_SECONDS = 60;

/**
 * Runs the probe in a real local sandbox, as an agent's command runs: its own directory, scrubbed
 * env, process group, timeout and output cap. The sandbox is deleted whatever the probe answered.
 */
export function localProbeRunner(templatesRoot: string, sessions: SandboxSessions = createLocalSandbox({ templatesDir: templatesRoot }).sessions): RunProbe {
  return async (script) => {
    const { id } = await sessions.create({ labels: { purpose: "template-probe" }, maxLifetimeMinutes: 5 });
    try {
      const res = await sessions.exec(id, { command: script, timeoutSeconds: PROBE_TIMEOUT_SECONDS });
      return { exitCode: res.exitCode, output: res.output };
    } finally {
      await sessions.delete(id);
    }
  };
}
