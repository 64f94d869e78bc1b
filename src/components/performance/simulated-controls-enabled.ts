import type { Env } from "@/env";
import { devControlsEnabled } from "@/env";

/**
 * Whether the simulated clock and "run monitoring now" controls are shown: only on the simulated ad
 * account, and, like the mailbox, never in production except under the e2e harness's test controls.
 * The dev routes they call check for themselves; this only keeps dead buttons off the page.
 */
export function simulatedControlsEnabled(opts: { facebookKind: "graph" | "simulated"; env: Pick<Env, "NODE_ENV" | "AIGENCY_TEST_CONTROLS"> }): boolean {
  return opts.facebookKind === "simulated" && devControlsEnabled(opts.env);
}
