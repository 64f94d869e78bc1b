import { inngest } from "@/inngest/client";
import { agentIssueSubmitted, performanceCampaignWeekCompleted, performanceSnapshotPulled } from "@/inngest/events";
import { conversationChannel } from "@/inngest/realtime/conversation";
import { alertNeedsALook, raiseAlertInvestigation } from "@/server/agent-tasks/internal-issues";
import { notificationCreatedEvent } from "@/server/notifications/events";
import { findSignificantChanges, postAlert } from "@/server/performance/alerts";

/**
 * Fresh numbers for a campaign: tell the owner what changed enough to matter, at most once per
 * condition and account day (the alert table's unique key decides, so overlapping sweeps and
 * reruns post nothing twice). An alert that the numbers went wrong also hands the analyst a task
 * (an INTERNAL agent issue) to find out why. Loading and detecting share one step: detection is pure, so a retry
 * redoes it exactly, and two weeks of rows stay out of the run's state. Nothing here calls Graph.
 */
export const detectSignificantChanges = inngest.createFunction(
  {
    id: "detect-significant-changes",
    triggers: [performanceSnapshotPulled],
    concurrency: { key: "event.data.campaignId", limit: 1 },
    retries: 4,
  },
  async ({ event, step, runId, deps }) => {
    const { organizationId, campaignId, adAccountId, date } = event.data;
    const found = await step.run("detect-changes", () => findSignificantChanges(deps, { organizationId, campaignId, adAccountId, date }));
    if (!found) return { skipped: "no live campaign with numbers for that day" };

    const posted: string[] = [];
    for (const detection of found.detections) {
      const key = detection.condition.toLowerCase();
      const outcome = await step.run(`post-alert-${key}`, () => postAlert(deps.db, { target: found.target, detection, runId }));
      if (!outcome.posted) continue;
      posted.push(detection.condition);
      if (outcome.conversationId && outcome.messageId) {
        const channel = conversationChannel({ conversationId: outcome.conversationId });
        await step.realtime.publish(`announce-${key}`, channel.message, { messageId: outcome.messageId, role: "ASSISTANT", type: "TEXT", kind: "performance-alert" });
      }
      if (outcome.notification) await step.sendEvent(`notify-${key}`, notificationCreatedEvent(outcome.notification));
      if (alertNeedsALook(detection.condition)) {
        const task = await step.run(`raise-task-${key}`, () => raiseAlertInvestigation(deps.db, { target: found.target, detection }));
        if (task) await step.sendEvent(`investigate-${key}`, agentIssueSubmitted.create({ organizationId, issueId: task.issueId, source: "INTERNAL" }, { id: task.issueId }));
      }
      if (detection.condition === "WEEK_COMPLETED") {
        const week = Number(detection.details.week);
        const weekEnding = String(detection.details.weekEnding);
        await step.sendEvent(
          "week-completed",
          performanceCampaignWeekCompleted.create(
            { organizationId, projectId: found.target.projectId, campaignId, weekEnding, week },
            { id: `performance-week-completed-${campaignId}-w${week}` },
          ),
        );
      }
    }
    return { detected: found.detections.map((d) => d.condition), posted };
  },
);
