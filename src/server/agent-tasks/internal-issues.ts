import type { Db } from "@/server/db";
import type { AlertTarget } from "@/server/performance/alerts";
import type { Detection } from "@/server/performance/types";
import { submitIssue } from "./issues";

/**
 * Alerts that deserve an analyst's look: the numbers went wrong. A finished week, a standout ad or a
 * pacing note is news for the owner, not a question for the agents.
 */
const NEEDS_A_LOOK: ReadonlySet<Detection["condition"]> = new Set(["LOW_ROAS", "LOW_CTR"]);

export const alertNeedsALook = (condition: Detection["condition"]) => NEEDS_A_LOOK.has(condition);

/**
 * The agency hands itself a task about one of its alerts (source INTERNAL): the alert's own key is
 * the issue's external id, so a retried or rerun detection finds the task it raised, never a second.
 * The caller sends `agents/issue.submitted` with the issue id as the event id.
 */
export async function raiseAlertInvestigation(db: Db, opts: { target: AlertTarget; detection: Detection }): Promise<{ issueId: string; created: boolean } | null> {
  const { target: t, detection: d } = opts;
  const raised = await submitIssue(db, {
    organizationId: t.organizationId,
    projectId: t.projectId,
    source: "INTERNAL",
    externalId: `performance-alert:${t.campaignId}:${d.condition}:${d.day}`,
    title: `Look into the alert: ${d.title}`,
    description: `${d.message}\n\nWhy is this happening, and what should we try next? Raised by the agency's monitoring for ${d.day}.`,
    context: { campaignId: t.campaignId, alert: { condition: d.condition, day: d.day } },
  });
  // The project was deleted between the detection and now: nothing to look into.
  return raised.ok ? { issueId: raised.issueId, created: raised.created } : null;
}
