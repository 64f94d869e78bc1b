import { z } from "zod";
import { env } from "@/env";
import { inngest } from "@/inngest/client";
import { agentJobFailed } from "@/inngest/events";
import { cancellationEnding } from "@/server/agent-tasks/cancellation";
import { endAgentJob } from "@/server/agent-tasks/job-lifecycle";
import { publishTaskStatus } from "@/inngest/realtime/agent-tasks";
import { runAgentJob } from "./run-agent-job";

/** The engine names a function by app id and function id ("aigency-run-agent-job"). */
const RUN_FULL_ID = runAgentJob.id(inngest.id);

const cancelledRun = z.object({
  function_id: z.string(),
  event: z.object({ data: z.object({ organizationId: z.string().min(1), issueId: z.string().min(1), jobId: z.string().min(1) }) }),
});

/**
 * A cancelled run-agent-job run never reaches another step of its own: this ends the job. The owner's
 * cancel request ends it CANCELLED; a run past the finish timeout ends FAILED, saying so.
 */
export const recordAgentTaskCancellation = inngest.createFunction(
  {
    id: "record-agent-task-cancellation",
    triggers: [{ event: "inngest/function.cancelled", if: `event.data.function_id == '${RUN_FULL_ID}'` }],
    retries: 3,
  },
  async ({ event, step, deps }) => {
    const parsed = cancelledRun.safeParse(event.data);
    // The trigger's filter is the engine's; this is ours, so another function's cancellation is never acted on.
    if (!parsed.success || parsed.data.function_id !== RUN_FULL_ID) return { outcome: "not-an-agent-job" };
    const data = parsed.data.event.data;
    const timeoutMinutes = env().AGENT_JOB_TIMEOUT_MINUTES;
    const ended = await step.run("record-cancelled", async () => {
      const ending = await cancellationEnding(deps.db, { jobId: data.jobId, timeoutMinutes, now: new Date() });
      return { ...(await endAgentJob(deps.db, { jobId: data.jobId, ...ending })), ...ending };
    });
    if (ended.ended && ended.status === "FAILED") {
      await step.sendEvent("emit-job-failed", agentJobFailed.create({ ...data, error: ended.error }, { id: `agents-job-failed-${data.jobId}` }));
    }
    if (ended.ended || ended.status === "CANCELLED") {
      // Also when the cancel route already ended the rows: the page hears the run has stopped.
      const label = ended.status === "CANCELLED" ? "Cancelled." : ended.error.slice(0, 500);
      await publishTaskStatus(step, "announce-ended", data.issueId, { kind: "status", jobId: data.jobId, status: ended.status, label });
    }
    return { outcome: ended.ended ? ended.status : "already-finished" };
  },
);
