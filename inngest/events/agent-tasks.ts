import { eventType } from "inngest";
import { z } from "zod";
import { id, tenant } from "./shared";

/**
 * Agent tasks (plan 003, the queue is Inngest): issue submitted (any source) → classified → a job run
 * with priority, per-organization concurrency, attempts and a timeout → completed / failed; feedback →
 * the weekly improvement analysis. Named `agents/…` as the issue gives them; the chat agent is `agent/…`.
 */
const issue = { ...tenant, issueId: id };
const job = { ...issue, jobId: id };
const priority = z.enum(["CRITICAL", "HIGH", "MEDIUM", "LOW"]);

export const agentIssueSubmitted = eventType("agents/issue.submitted", {
  schema: z.object({ ...issue, source: z.enum(["MANUAL", "WEBHOOK", "SCHEDULED", "INTERNAL", "GITHUB"]) }),
});

/** The classifier's verdict is on the issue row; the job row exists (PENDING) and will run. */
export const agentIssueClassified = eventType("agents/issue.classified", {
  schema: z.object({ ...job, agentType: z.string().min(1), priority }),
});

/** Runs the job; `priority` decides who goes first when the organization's slots are all taken. */
export const agentJobRequested = eventType("agents/job.requested", {
  schema: z.object({ ...job, agentType: z.string().min(1), priority }),
});

export const agentJobCompleted = eventType("agents/job.completed", {
  schema: z.object({ ...job, artifacts: z.number().int().nonnegative() }),
});

export const agentJobFailed = eventType("agents/job.failed", {
  schema: z.object({ ...job, error: z.string() }),
});

/** The owner cancels a task: its running job is cancelled (cancelOn) and the issue CANCELLED. */
export const agentTaskCancelRequested = eventType("agents/task.cancel-requested", {
  schema: z.object(issue),
});

export const agentFeedbackSubmitted = eventType("agents/feedback.submitted", {
  schema: z.object({ ...job, feedbackId: id, rating: z.number().int().min(1).max(5) }),
});

/** The weekly analysis, one per organization: worst-rated patterns per agent type → improvement cards. */
export const agentImprovementsRequested = eventType("agents/improvements.requested", {
  schema: z.object({ ...tenant, week: z.string().regex(/^\d{4}-W\d{2}$/) }),
});

/** A recurring task is due: one issue per schedule and tick (deterministic external id). */
export const agentScheduleDue = eventType("agents/schedule.due", {
  schema: z.object({ ...tenant, scheduleId: id, tick: z.string() }),
});
