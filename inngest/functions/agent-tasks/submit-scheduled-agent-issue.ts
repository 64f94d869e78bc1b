import { inngest } from "@/inngest/client";
import { agentIssueSubmitted, agentScheduleDue } from "@/inngest/events";
import { submitScheduledIssue } from "@/server/agent-tasks/schedules";

/** A schedule's tick becomes a task (external id scheduleId:tick: a rerun finds the same one), then classification starts. */
export const submitScheduledAgentIssue = inngest.createFunction(
  { id: "submit-scheduled-agent-issue", triggers: [agentScheduleDue] },
  async ({ event, step, deps }) => {
    const submitted = await step.run("submit-scheduled-issue", () => submitScheduledIssue(deps.db, event.data));
    if (!submitted.ok) return { skipped: submitted.reason };
    const data = { organizationId: event.data.organizationId, issueId: submitted.issueId, source: "SCHEDULED" as const };
    await step.sendEvent("send-issue-submitted", agentIssueSubmitted.create(data, { id: submitted.issueId }));
    return { issueId: submitted.issueId, created: submitted.created };
  },
);
