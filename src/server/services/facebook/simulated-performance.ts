import { budgetOn, firstActiveDate, statusOn } from "./simulated-history";
import { daysBetween, listDates, newCarry, simulateAdDay, sumByDate, type AdDayRow, type Carry } from "./simulated-insights";
import type { SimulatedObject } from "./simulated-store";
import type { InsightsRow } from "./types";

/**
 * Replays an account's delivery day by day from its objects' status and budget histories: an ad
 * delivers on an account day when it, its ad set and its campaign were ACTIVE that day; the ad set's
 * budget of that day is shared equally by the ads delivering that day. Today's row covers the part
 * of the account day elapsed. In each campaign the second ad of the first ad set is weak (few
 * people click it) so the optimisation rules have something to find.
 */

export interface AccountToday {
  date: string; // YYYY-MM-DD in the account's time zone
  fraction: number; // of that day elapsed
}

export function createDeliveryModel(objects: SimulatedObject[], today: AccountToday) {
  const byId = new Map(objects.map((o) => [o.id, o]));
  const childrenOf = new Map<string, SimulatedObject[]>();
  for (const o of objects) {
    if (!o.parentId || (o.kind !== "adset" && o.kind !== "ad")) continue;
    childrenOf.set(o.parentId, [...(childrenOf.get(o.parentId) ?? []), o]);
  }
  // Objects come oldest first, so "first ad set" and "second ad" follow creation order.
  const firstAdSetOf = (campaignId: string) => childrenOf.get(campaignId)?.find((s) => s.kind === "adset")?.id;
  const cache = new Map<string, Map<string, AdDayRow[]>>();

  /** Every day each ad of the ad set delivered, up to today. */
  function adSetDelivery(adSet: SimulatedObject): Map<string, AdDayRow[]> {
    const cached = cache.get(adSet.id);
    if (cached) return cached;
    const rows = new Map<string, AdDayRow[]>();
    cache.set(adSet.id, rows);
    const campaign = adSet.parentId ? byId.get(adSet.parentId) : undefined;
    const ads = (childrenOf.get(adSet.id) ?? []).filter((o) => o.kind === "ad");
    const weakAdId = campaign && firstAdSetOf(campaign.id) === adSet.id ? ads[1]?.id : undefined;
    const starts = campaign ? [firstActiveDate(campaign), firstActiveDate(adSet)] : [];
    if (!campaign || !ads.length || starts.some((s) => !s)) return rows;
    const from = starts.sort().at(-1)!;
    const firstDay = new Map<string, string>();
    const carries = new Map<string, Carry>();
    for (const date of from <= today.date ? listDates(from, today.date) : []) {
      if (statusOn(campaign, date) !== "ACTIVE" || statusOn(adSet, date) !== "ACTIVE") continue;
      const delivering = ads.filter((ad) => statusOn(ad, date) === "ACTIVE");
      if (!delivering.length) continue;
      const budgetCents = Math.floor(budgetOn(adSet, date) / delivering.length);
      const fraction = date === today.date ? today.fraction : 1;
      for (const ad of delivering) {
        if (!firstDay.has(ad.id)) firstDay.set(ad.id, date);
        if (!carries.has(ad.id)) carries.set(ad.id, newCarry());
        const dayIndex = daysBetween(firstDay.get(ad.id)!, date);
        const row = simulateAdDay({ adId: ad.id, date, dayIndex, budgetCents, weak: ad.id === weakAdId, fraction }, carries.get(ad.id)!);
        if (row.spendCents > 0) rows.set(ad.id, [...(rows.get(ad.id) ?? []), row]);
      }
    }
    return rows;
  }

  /** The ad sets whose ads make up the scope's delivery. */
  function adSetsIn(scope: SimulatedObject | "account"): SimulatedObject[] {
    if (scope === "account") return objects.filter((o) => o.kind === "adset");
    if (scope.kind === "adset") return [scope];
    if (scope.kind === "campaign") return (childrenOf.get(scope.id) ?? []).filter((o) => o.kind === "adset");
    const parent = scope.kind === "ad" && scope.parentId ? byId.get(scope.parentId) : undefined;
    return parent ? [parent] : [];
  }

  /** Daily rows of an object (or the whole account) within the range, one per day with delivery. */
  function insights(scopeId: string | "account", range: { since: string; until: string }): InsightsRow[] {
    const scope = scopeId === "account" ? "account" : byId.get(scopeId);
    if (!scope) return [];
    const days = adSetsIn(scope).flatMap((adSet) =>
      [...adSetDelivery(adSet).entries()].filter(([adId]) => scope === "account" || scope.kind !== "ad" || adId === scope.id).flatMap(([, r]) => r),
    );
    return sumByDate(days.filter((d) => d.dateStart >= range.since && d.dateStart <= range.until));
  }

  return { insights, byId };
}
