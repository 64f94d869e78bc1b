import { accountDay } from "@/server/performance/account-time";
import { isExcludedAd, isHeld, type CampaignView } from "@/server/performance/campaign-view";
import type { ActionValues } from "@/server/db/schema/optimization";
import { policyNotes } from "./messages-policy";
import type { AutonomyPolicy, Decision, HistoryEntry, ProposedAction } from "./types";

/** Ledger statuses that count as "changed, or about to be": they start a cooldown. */
export const COOLDOWN_STATUSES = new Set(["APPLIED", "APPLYING", "APPROVED", "AWAITING_APPROVAL", "PROPOSED"]);
const PENDING = new Set(["APPLYING", "APPROVED", "AWAITING_APPROVAL", "PROPOSED"]);
// Money the agency moved, or is about to move, on its own.
const CAP_STATUSES = new Set(["APPLIED", "APPLYING", "PROPOSED"]);
// An owner's budget change counts too: the rules leave that ad set alone for the rest of the day.
const BUDGET_KINDS = new Set(["SHIFT_BUDGET", "RAISE_BUDGET", "CHANGE_BUDGET"]);
/** Whatever the policy says, these wait for a person (the owner's requests from the conversation among them). */
export const ALWAYS_ASK = new Set(["PAUSE_CAMPAIGN", "CHANGE_AUDIENCE", "LAUNCH_CAMPAIGN", "RESUME_CAMPAIGN", "CHANGE_BUDGET"]);
/** Whatever the policy says, a raise of the total above this percent waits for a person. */
export const RAISE_APPROVAL_CEILING_PERCENT = 30;

const touches = (ids: string[], other: string[]) => ids.some((id) => other.includes(id));

/** An entry within `cooldownHours` before now touches one of these objects (a future-dated one counts too). */
export function inCooldown(objectIds: string[], history: HistoryEntry[], now: Date, cooldownHours: number): boolean {
  const ms = cooldownHours * 3_600_000;
  return history.some((h) => COOLDOWN_STATUSES.has(h.status) && touches(objectIds, h.objectIds) && now.getTime() - new Date(h.at).getTime() < ms);
}

/** One budget change per ad set per account day, whatever the cooldown is set to. */
export function budgetChangedToday(objectIds: string[], history: HistoryEntry[], opts: { today: string; timeZone: string }): boolean {
  return history.some(
    (h) =>
      BUDGET_KINDS.has(h.kind) &&
      COOLDOWN_STATUSES.has(h.status) &&
      touches(objectIds, h.objectIds) &&
      accountDay(new Date(h.at), opts.timeZone) === opts.today,
  );
}

/** Money moved today (account day) by changes nobody approved: what the daily cap limits. */
export function capUsedToday(history: HistoryEntry[], opts: { today: string; timeZone: string }): number {
  return history
    .filter((h) => CAP_STATUSES.has(h.status) && h.requiresApproval !== true && accountDay(new Date(h.at), opts.timeZone) === opts.today)
    .reduce((s, h) => s + h.moneyMovedCents, 0);
}

/** Statuses an entry sets: its `after`, else read from kind and ids (first paused, second turned on). */
function statusesSetBy(h: HistoryEntry): NonNullable<ActionValues["statuses"]> {
  if (h.after?.statuses) return h.after.statuses;
  if (h.kind === "PAUSE_AD" && h.objectIds[0]) return { [h.objectIds[0]]: "PAUSED" };
  if (h.kind === "ROTATE_CREATIVE" && h.objectIds[0] && h.objectIds[1]) return { [h.objectIds[0]]: "PAUSED", [h.objectIds[1]]: "ACTIVE" };
  return {};
}

/**
 * Ad statuses as they will be: the last pull, then applied changes the pull has not seen, then pending
 * pauses (assumed to happen). Pending turn-ons are not counted: they may never happen.
 */
export function projectAdStatuses(view: CampaignView, history: HistoryEntry[]): Map<string, string | null> {
  const status = new Map(view.ads.map((a) => [a.id, a.latest.objectStatus]));
  const ordered = [...history].sort((a, b) => new Date(a.at).getTime() - new Date(b.at).getTime());
  for (const h of ordered) {
    for (const [id, s] of Object.entries(statusesSetBy(h))) {
      const ad = view.byId.get(id);
      if (!ad || ad.type !== "ad") continue;
      const unseen = h.status === "APPLIED" && new Date(h.at).getTime() > new Date(ad.latest.pulledAt).getTime();
      if (unseen || (PENDING.has(h.status) && s === "PAUSED")) status.set(id, s);
    }
  }
  return status;
}

/** After this action, every ad set it pauses an ad in still has a delivering ad. */
export function keepsADeliveringAd(p: ProposedAction, view: CampaignView, projected: Map<string, string | null>): boolean {
  const changes = p.after.statuses ?? {};
  const adSets = new Set(
    Object.entries(changes)
      .filter(([id, s]) => s === "PAUSED" && view.byId.get(id)?.type === "ad")
      .map(([id]) => view.byId.get(id)!.parentId),
  );
  for (const adSetId of adSets) {
    const delivering = view.ads.filter(
      (a) => a.parentId === adSetId && !isExcludedAd(view, a) && (changes[a.id] ?? projected.get(a.id)) === "ACTIVE",
    );
    if (delivering.length === 0) return false;
  }
  return true;
}

/** The action changes something a person turned off outside Aigency (or something under it). */
export function touchesHeld(p: ProposedAction, view: CampaignView): boolean {
  const ids = [p.objectId, ...p.objectIds, ...Object.keys(p.after.statuses ?? {}), ...Object.keys(p.after.dailyBudgets ?? {})];
  return ids.some((id) => isHeld(view, id));
}

/**
 * Where the policy puts one action. Order matters: blocked beats everything (no approval can make it
 * happen), then the always-ask kinds, the percent limits, suggest-only, the daily cap; dry run last,
 * keeping what would have happened in the note.
 */
export function disposition(
  p: ProposedAction,
  o: { policy: AutonomyPolicy; totalCents: number; capUsedCents: number; currency: string },
): Pick<Decision, "disposition" | "policyNote"> {
  const { policy } = o;
  const money = { moneyCents: p.moneyMovedCents, totalCents: o.totalCents };
  // Percent comparisons cross-multiplied in cents: moved / total > limit / 100.
  const above = (limit: number) => p.moneyMovedCents * 100 > limit * o.totalCents;
  const movesMoney = p.moneyMovedCents > 0;
  let d: Pick<Decision, "disposition" | "policyNote">;
  if (movesMoney && above(policy.blockAbovePercent)) d = { disposition: "blocked", policyNote: policyNotes.blocked({ ...money, limit: policy.blockAbovePercent }) };
  else if (ALWAYS_ASK.has(p.kind)) d = { disposition: "approval", policyNote: policyNotes.alwaysAsk(p.kind) };
  else if (p.kind === "RAISE_BUDGET" && above(Math.min(policy.autonomousMaxPercent, RAISE_APPROVAL_CEILING_PERCENT)))
    d = { disposition: "approval", policyNote: policyNotes.raiseAboveLimit({ ...money, limit: Math.min(policy.autonomousMaxPercent, RAISE_APPROVAL_CEILING_PERCENT) }) };
  else if (movesMoney && above(policy.autonomousMaxPercent))
    d = { disposition: "approval", policyNote: policyNotes.moveAboveLimit({ ...money, limit: policy.autonomousMaxPercent }) };
  else if (policy.suggestOnly) d = { disposition: "approval", policyNote: policyNotes.suggestOnly() };
  else if (movesMoney && o.capUsedCents + p.moneyMovedCents > policy.dailyCapCents)
    d = { disposition: "approval", policyNote: policyNotes.dailyCap({ usedCents: o.capUsedCents, moneyCents: p.moneyMovedCents, capCents: policy.dailyCapCents, currency: o.currency }) };
  else d = { disposition: "autonomous" };
  if (!policy.dryRun) return d;
  return { disposition: "dry-run", policyNote: policyNotes.dryRun({ wouldHave: d.disposition as "autonomous" | "approval" | "blocked", note: d.policyNote }) };
}

/**
 * Runs every proposal through the guards in order. A held object, cooldown, the one-budget-change-a-day rule and
 * the last-delivering-ad rule drop a proposal (nothing to record: it simply is not the time); the
 * policy then decides its disposition. Decisions of this run count for the next proposals, so one run
 * never touches an object twice nor goes past the cap.
 */
export function applyGuards(
  proposals: ProposedAction[],
  o: { view: CampaignView; policy: AutonomyPolicy; history: HistoryEntry[]; now: Date },
): Decision[] {
  const { view, policy, now } = o;
  const day = { today: accountDay(now, view.campaign.timezone), timeZone: view.campaign.timezone };
  const projected = projectAdStatuses(view, o.history);
  let capUsed = capUsedToday(o.history, day);
  const decisions: Decision[] = [];
  for (const p of proposals) {
    // A person's "off" is theirs: the agency proposes nothing there (apply refuses it too).
    if (touchesHeld(p, view)) continue;
    if (inCooldown(p.objectIds, o.history, now, policy.cooldownHours)) continue;
    if (decisions.some((d) => touches(p.objectIds, d.objectIds))) continue;
    if (BUDGET_KINDS.has(p.kind) && budgetChangedToday(p.objectIds, o.history, day)) continue;
    if (!keepsADeliveringAd(p, view, projected)) continue;
    const d: Decision = { ...p, ...disposition(p, { policy, totalCents: view.dailyBudgetCents, capUsedCents: capUsed, currency: view.campaign.currency }) };
    if (d.disposition === "autonomous") capUsed += d.moneyMovedCents;
    if (d.disposition === "autonomous" || d.disposition === "approval")
      for (const [id, s] of Object.entries(d.after.statuses ?? {})) if (s === "PAUSED") projected.set(id, "PAUSED");
    decisions.push(d);
  }
  return decisions;
}
