import type { Deps } from "@/server/deps";

/**
 * Placeholder until helper "sim" lands the real one (same path, same signature): "now" for
 * monitoring and optimisation of one ad account. The real version adds the simulated clock's
 * offset for simulated accounts; this one is wall time for every account.
 */
export async function accountNow(_deps: Pick<Deps, "db" | "services">, _adAccountId: string): Promise<Date> {
  return new Date();
}
