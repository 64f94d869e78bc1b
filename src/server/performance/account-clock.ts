import type { Deps } from "@/server/deps";

/**
 * Placeholder until helper "sim" lands the real clock (simulated offset per account); same path and
 * signature, so callers need no change when it is replaced.
 */
export async function accountNow(_deps: Deps, _adAccountId: string): Promise<Date> {
  return new Date();
}
