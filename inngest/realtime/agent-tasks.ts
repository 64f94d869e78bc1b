import { type GetStepTools, realtime } from "inngest";
import { z } from "zod";
import type { inngest } from "@/inngest/client";

/**
 * Live status of one agent task: the job's status changes and each tool call, for the task and
 * list pages (token: GET /api/agents/[id]/progress-token). The rows stay the truth: a page without
 * realtime polls them, and a message only says "look now".
 */
export const agentTaskChannel = realtime.channel({
  name: ({ issueId }: { issueId: string }) => `agent-task:${issueId}`,
  topics: {
    status: {
      schema: z.object({
        jobId: z.string().nullable(),
        status: z.enum(["PENDING", "QUEUED", "PROCESSING", "RUNNING", "REVIEW", "COMPLETED", "FAILED", "CANCELLED"]),
        attempt: z.number().int().nonnegative().optional(),
        label: z.string().max(500),
      }),
    },
    tool: {
      schema: z.object({
        jobId: z.string(),
        tool: z.string().max(100),
        state: z.enum(["started", "done", "failed"]),
        // Already redacted by the caller (the same text as the agent_logs line).
        summary: z.string().max(500),
      }),
    },
  },
});

type Step = GetStepTools<typeof inngest>;
export type TaskStatusMessage = z.infer<(typeof agentTaskChannel)["topics"]["status"]["schema"]>;
export type TaskToolMessage = z.infer<(typeof agentTaskChannel)["topics"]["tool"]["schema"]>;

/**
 * For the job function: a durable publish (memoized by `stepId`, so a replay does not repeat it) of a
 * status change or a tool call on the task's channel. `stepId` must be unique within the run.
 */
export function publishTaskStatus(step: Step, stepId: string, issueId: string, message: ({ kind: "status" } & TaskStatusMessage) | ({ kind: "tool" } & TaskToolMessage)) {
  const channel = agentTaskChannel({ issueId });
  const { kind, ...data } = message;
  if (kind === "tool") return step.realtime.publish(stepId, channel.tool, data as TaskToolMessage);
  return step.realtime.publish(stepId, channel.status, data as TaskStatusMessage);
}
