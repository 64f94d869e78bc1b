import type { Deps } from "@/server/deps";
import { SIMULATED_AD_ACCOUNTS } from "@/server/services/facebook/simulated";
import { accountDay, adAccountTimezone, simulatedAccountNow } from "@/server/services/facebook/simulated-clock";

/**
 * "Now" for monitoring and optimisation of one ad account: real time for a real Graph account;
 * real time plus the account's simulated clock offset (table `simulated_clocks`) for a simulated
 * one, so cooldowns, expiries and "today" follow an advanced simulated clock.
 */
export async function accountNow(deps: Pick<Deps, "db" | "services">, adAccountId: string): Promise<Date> {
  if (deps.services.facebook.kind === "graph") return new Date();
  return simulatedAccountNow(deps.db, adAccountId);
}

/**
 * The account day ("YYYY-MM-DD" in its time zone, as Facebook reports the account) and the share
 * of it elapsed, at the account's now. The zone comes from the login that offered the account.
 */
export async function accountToday(deps: Pick<Deps, "db" | "services">, adAccountId: string, timeZone?: string) {
  const [now, zone] = await Promise.all([accountNow(deps, adAccountId), timeZone ?? adAccountTimezone(deps.db, adAccountId, templateZone(adAccountId))]);
  return { now, timeZone: zone, ...accountDay(now, zone) };
}

const templateZone = (id: string) => SIMULATED_AD_ACCOUNTS.find((a) => a.id === id)?.timezoneName;

export { accountDay, adAccountTimezone };
