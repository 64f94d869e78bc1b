import type { ActionValues } from "@/server/db/schema/optimization";
import { formatMoney } from "@/server/campaigns/currency";

/** Display helpers for ledger entries, shared by the activity timeline and the chat card; pure, so unit tests pin them. */

const STATUS: Record<string, { label: string; color: string }> = {
  PROPOSED: { label: "About to apply", color: "blue" },
  AWAITING_APPROVAL: { label: "Awaiting your OK", color: "yellow" },
  APPROVED: { label: "Approved, applying", color: "blue" },
  REJECTED: { label: "Dismissed", color: "gray" },
  EXPIRED: { label: "Expired", color: "gray" },
  BLOCKED: { label: "Blocked", color: "red" },
  DRY_RUN: { label: "Dry run", color: "violet" },
  APPLYING: { label: "Applying", color: "blue" },
  APPLIED: { label: "Applied", color: "green" },
  CONFLICT: { label: "Conflict", color: "orange" },
  FAILED: { label: "Failed", color: "red" },
};

export function describeActionStatus(status: string): { label: string; color: string } {
  return STATUS[status] ?? { label: status, color: "gray" };
}

/** A decided entry keeps no buttons: only these still wait for a person. */
export function isAwaitingDecision(status: string): boolean {
  return status === "AWAITING_APPROVAL";
}

const KIND: Record<string, string> = {
  PAUSE_AD: "Pause a weak ad",
  SHIFT_BUDGET: "Move budget to the best audience",
  ROTATE_CREATIVE: "Swap a tired ad for a fresh one",
  PAUSE_CAMPAIGN: "Pause the whole campaign",
  RAISE_BUDGET: "Raise the daily budget",
  LAUNCH_CAMPAIGN: "Launch a new campaign",
  CHANGE_AUDIENCE: "Change who sees the ads",
  RESUME_CAMPAIGN: "Turn the campaign back on",
  CHANGE_BUDGET: "Change the daily budget",
};

export function describeActionKind(kind: string): string {
  return KIND[kind] ?? kind;
}

/** What each status means in one sentence, shown under the badge where it helps. */
export function explainStatus(status: string): string | null {
  switch (status) {
    case "DRY_RUN":
      return "Dry run is on: recorded what would have been done, nothing was changed.";
    case "BLOCKED":
      return "Your autonomy settings block changes this large, so nobody can apply it.";
    case "CONFLICT":
      return "Someone changed this on Facebook after it was proposed, so the agency left it alone.";
    case "EXPIRED":
      return "Nobody decided in time, so nothing was changed.";
    default:
      return null;
  }
}

const statusWord = (s: string | undefined) => (s === "ACTIVE" ? "running" : s === "PAUSED" ? "paused" : (s?.toLowerCase() ?? "unknown"));

/**
 * Before → after in money and status terms, one line per object:
 * `Ad "Fresh bread": running → paused`, `Ad set "Parents" daily budget: $10 → $15`.
 * `names` maps Facebook ids to what the owner calls them; an unknown id is shown as is.
 */
export function describeChanges(before: ActionValues, after: ActionValues, opts: { currency: string; names?: Record<string, string> }): string[] {
  const name = (id: string) => opts.names?.[id] ?? `Object ${id}`;
  const lines: string[] = [];
  const statusIds = new Set([...Object.keys(before.statuses ?? {}), ...Object.keys(after.statuses ?? {})]);
  for (const id of statusIds) {
    const from = before.statuses?.[id];
    const to = after.statuses?.[id];
    if (from === to) continue;
    lines.push(`${capitalize(name(id))}: ${statusWord(from)} → ${statusWord(to)}`);
  }
  const budgetIds = new Set([...Object.keys(before.dailyBudgets ?? {}), ...Object.keys(after.dailyBudgets ?? {})]);
  const money = (cents: number | undefined) => (cents === undefined ? "not set" : formatMoney(cents, opts.currency));
  for (const id of budgetIds) {
    const from = before.dailyBudgets?.[id];
    const to = after.dailyBudgets?.[id];
    if (from === to) continue;
    lines.push(`${capitalize(name(id))} daily budget: ${money(from)} → ${money(to)}`);
  }
  return lines;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Entries grouped by the ad account day they were decided on (their snapshot date), newest day
 * first; within a day the caller's order (newest first) is kept.
 */
export function groupByDay<T extends { snapshotDate: string }>(entries: T[]): { day: string; entries: T[] }[] {
  const groups = new Map<string, T[]>();
  for (const entry of entries) {
    const group = groups.get(entry.snapshotDate);
    if (group) group.push(entry);
    else groups.set(entry.snapshotDate, [entry]);
  }
  return [...groups.entries()].sort(([a], [b]) => b.localeCompare(a)).map(([day, items]) => ({ day, entries: items }));
}
