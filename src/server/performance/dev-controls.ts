import type { Env } from "@/env";

/** Dev and test controls (a sweep on demand): never in production, except under the e2e harness. */
export function devControlsEnabled(e: Pick<Env, "NODE_ENV" | "AIGENCY_TEST_CONTROLS">): boolean {
  return e.NODE_ENV !== "production" || e.AIGENCY_TEST_CONTROLS === "1";
}
