import type { ActionValues } from "@/server/db/schema/optimization";
import { describeChanges } from "./describe-action";

/** The chat card's content as stored in the AGENT_ACTION message's metadata (kind "optimization-action"). */
export interface ActionCardData {
  actionId: string;
  status: string;
  title: string;
  reason: string;
  projectedEffect: string | null;
  /** Before → after lines, already in words. */
  changes: string[];
  /** False for a change the agency made alone within the policy (its card only reports it). */
  requiresApproval: boolean;
  /** Why a policy refused it or why applying stopped. */
  outcome: string | null;
  /** Measured impact, once known. */
  impact: string | null;
}

const text = (v: unknown): string | null => (typeof v === "string" && v.trim() ? v : null);
const values = (v: unknown): ActionValues => (v && typeof v === "object" ? (v as ActionValues) : {});

/**
 * Reads the card from message metadata, tolerating what a stored row may hold: before/after as
 * ledger values (statuses, daily budgets) or as ready sentences. Null when it is not such a card.
 */
export function parseActionCard(metadata: Record<string, unknown> | null, opts: { names?: Record<string, string> } = {}): ActionCardData | null {
  if (!metadata || metadata.kind !== "optimization-action") return null;
  const actionId = text(metadata.actionId);
  if (!actionId) return null;
  const before = text(metadata.before);
  const after = text(metadata.after);
  const changes =
    before !== null || after !== null
      ? [`${before ?? "—"} → ${after ?? "—"}`]
      : describeChanges(values(metadata.before), values(metadata.after), { currency: text(metadata.currency) ?? "USD", names: opts.names });
  return {
    actionId,
    status: text(metadata.status) ?? "AWAITING_APPROVAL",
    title: text(metadata.title) ?? "A change the agency suggests",
    reason: text(metadata.reason) ?? "",
    projectedEffect: text(metadata.projectedEffect),
    changes,
    // A card that does not say is treated as a suggestion: showing buttons is safe, hiding them is not.
    requiresApproval: metadata.requiresApproval !== false,
    outcome: text(metadata.outcome),
    impact: text(metadata.impact) ?? text((metadata.impact as { summary?: unknown } | null)?.summary),
  };
}
