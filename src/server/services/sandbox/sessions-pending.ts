import type { SandboxSessions } from "./types";

/** Placeholder until each implementation's kept-across-steps sandboxes land; every call refuses. */
export function sessionsPending(kind: string): SandboxSessions {
  const refuse = async (): Promise<never> => {
    throw new Error(`${kind} sandbox sessions are not available yet`);
  };
  return { create: refuse, upload: refuse, exec: refuse, download: refuse, delete: refuse, findByLabels: refuse };
}
