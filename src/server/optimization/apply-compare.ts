import { formatMoney } from "@/server/campaigns/currency";
import type { ActionValues } from "@/server/db/schema";
import type { LiveObject } from "@/server/services/facebook/types";

export type Write =
  | { objectId: string; field: "status"; from: string; value: "ACTIVE" | "PAUSED" }
  | { objectId: string; field: "dailyBudget"; from: number; value: number };

export type Comparison =
  | { kind: "conflict"; message: string }
  /** `writes` empty: Facebook already shows every `after` value. */
  | { kind: "ready"; writes: Write[]; alreadyAfter: number };

type Noun = "campaign" | "ad set" | "ad";

const nounOf = (objectType: "campaign" | "adset" | "ad"): Noun => (objectType === "adset" ? "ad set" : objectType);
const lower = (s: string) => s.toLowerCase();

// Spending goes down before it goes up: pauses, then budget cuts, then raises, then activations, so a run
// stopped half-way (and retried) never leaves more money running than before or after.
function writeRank(w: Write): number {
  if (w.field === "status") return w.value === "PAUSED" ? 0 : 3;
  return w.value < w.from ? 1 : 2;
}

/**
 * Compare-and-set against Facebook, per object and field: live = after → already done (an earlier
 * attempt's write landed), live = before → write it, anything else → someone changed it elsewhere, and
 * the whole action stops. An object a person paused is never turned back on, and a budget is never
 * changed on an object that is not running while "before" expected it to.
 */
export function compareLive(opts: {
  before: ActionValues;
  after: ActionValues;
  live: LiveObject[];
  objectType: "campaign" | "adset" | "ad";
  currency: string;
}): Comparison {
  const { before, after, currency } = opts;
  const live = new Map(opts.live.map((o) => [o.id, o]));
  const noun = nounOf(opts.objectType);
  const writes: Write[] = [];
  let alreadyAfter = 0;
  const conflict = (message: string): Comparison => ({ kind: "conflict", message });
  const ids = new Set([
    ...Object.keys(before.statuses ?? {}),
    ...Object.keys(after.statuses ?? {}),
    ...Object.keys(before.dailyBudgets ?? {}),
    ...Object.keys(after.dailyBudgets ?? {}),
  ]);
  for (const id of ids) {
    const now = live.get(id);
    if (!now || now.status === "DELETED" || now.status === "ARCHIVED") {
      return conflict(`${cap(noun)} ${id} no longer exists on Facebook (deleted or archived), so nothing was changed.`);
    }
  }

  for (const id of Object.keys({ ...before.statuses, ...after.statuses })) {
    const was = before.statuses?.[id];
    const target = after.statuses?.[id] ?? was;
    const now = live.get(id)!.status;
    if (now === target) {
      alreadyAfter++;
      continue;
    }
    if (was === undefined || now !== was) {
      const turnedOff = now === "PAUSED" && was === "ACTIVE";
      return conflict(
        turnedOff
          ? `Someone paused ${noun} ${id} outside the agency (in Ads Manager, for example); we left it paused and changed nothing.`
          : `${cap(noun)} ${id} is now ${lower(now)} on Facebook, not ${lower(was ?? "what we saw")} as when this was proposed; we left it alone.`,
      );
    }
    writes.push({ objectId: id, field: "status", from: now, value: target as "ACTIVE" | "PAUSED" });
  }

  for (const id of Object.keys({ ...before.dailyBudgets, ...after.dailyBudgets })) {
    const was = before.dailyBudgets?.[id];
    const target = after.dailyBudgets?.[id] ?? was;
    const obj = live.get(id)!;
    const now = obj.dailyBudgetCents;
    if (now === target) {
      alreadyAfter++;
      continue;
    }
    if (was === undefined || now !== was) {
      const shown = now === undefined ? "no daily budget of its own" : formatMoney(now, currency);
      return conflict(
        `Someone changed the daily budget of ad set ${id} outside the agency to ${shown} (it was ${was === undefined ? "unknown" : formatMoney(was, currency)}); we left it alone.`,
      );
    }
    // A person paused it after the proposal: raising or cutting its budget would surprise them when they resume it.
    const expected = [before.statuses?.[id] ?? "ACTIVE", after.statuses?.[id]];
    if (!expected.includes(obj.status as "ACTIVE" | "PAUSED")) {
      return conflict(`Someone paused ad set ${id} outside the agency; we did not touch its budget.`);
    }
    writes.push({ objectId: id, field: "dailyBudget", from: now!, value: target! });
  }

  writes.sort((a, b) => writeRank(a) - writeRank(b));
  return { kind: "ready", writes, alreadyAfter };
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** "ad 123 paused; ad set 456: $10.00 → $15.00 a day" — what a list of writes did, in plain words. */
export function describeWrites(writes: Write[], opts: { objectType: "campaign" | "adset" | "ad"; currency: string }): string {
  const noun = nounOf(opts.objectType);
  return writes
    .map((w) =>
      w.field === "status"
        ? `${noun} ${w.objectId} ${w.value === "PAUSED" ? "paused" : "turned on"}`
        : `ad set ${w.objectId}: ${formatMoney(w.from, opts.currency)} → ${formatMoney(w.value, opts.currency)} a day`,
    )
    .join("; ");
}
