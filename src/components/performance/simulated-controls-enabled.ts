import type { Env } from "@/env";

/**
 * Whether the simulated clock and "run monitoring now" controls are shown: only on the simulated ad
 * account, and, like the mailbox, never in production except under the e2e harness's test controls.
 * The dev routes they call check for themselves; this only keeps dead buttons off the page.
 */
export function simulatedControlsEnabled(opts: { facebookKind: "graph" | "simulated"; env: Pick<Env, "NODE_ENV" | "AIGENCY_TEST_CONTROLS"> }): boolean {
  if (opts.facebookKind !== "simulated") return false;
  return opts.env.NODE_ENV !== "production" || opts.env.AIGENCY_TEST_CONTROLS === "1";
}
