import { env } from "@/env";
import { inngest } from "@/inngest/client";
import { agentJobCompleted, agentJobFailed, agentJobRequested, agentTaskCancelRequested } from "@/inngest/events";
import { storeArtifacts } from "@/server/agent-tasks/artifacts";
import { MAX_ATTEMPTS } from "@/server/agent-tasks/classify";
import { completeAgentJob, endAgentJob, recordAttempt, startAgentJob } from "@/server/agent-tasks/job-lifecycle";
import { runAgentOrNoop } from "@/server/agent-tasks/noop-agent";
import { PRIORITY_SECONDS } from "@/server/agent-tasks/priority";
import { agentTaskChannel, publishTaskStatus } from "@/inngest/realtime/agent-tasks";
import { overBudget } from "@/server/usage/refuse-over-budget";

/** `priority.run`: the issue's priority in seconds; a higher number starts sooner when slots are taken. */
export const PRIORITY_EXPRESSION = `event.data.priority == 'CRITICAL' ? ${PRIORITY_SECONDS.CRITICAL} : event.data.priority == 'HIGH' ? ${PRIORITY_SECONDS.HIGH} : event.data.priority == 'LOW' ? ${PRIORITY_SECONDS.LOW} : ${PRIORITY_SECONDS.MEDIUM}`;

const plainMessage = (error: unknown) => (error instanceof Error ? error.message : String(error)).split("\n")[0]!;

/**
 * One job: start → the agent (retried with the engine's backoff, up to the job's 3 attempts) →
 * keep its artifacts → done, the issue in REVIEW until the owner rates it. Each organization gets
 * AGENT_MAX_CONCURRENCY slots, all of them AGENT_GLOBAL_CONCURRENCY together, so one busy
 * organization never holds another's work. A cancel request or the finish timeout cancels the run;
 * record-agent-task-cancellation records it.
 */
export const runAgentJob = inngest.createFunction(
  {
    id: "run-agent-job",
    triggers: [agentJobRequested],
    priority: { run: PRIORITY_EXPRESSION },
    concurrency: [{ key: "event.data.organizationId", limit: env().AGENT_MAX_CONCURRENCY }, { limit: env().AGENT_GLOBAL_CONCURRENCY }],
    // The first try plus two retries: the job's maxAttempts (the SDK types retries as a literal 0..20).
    retries: (MAX_ATTEMPTS - 1) as 2,
    cancelOn: [{ event: agentTaskCancelRequested, match: "data.issueId" }],
    timeouts: { finish: `${env().AGENT_JOB_TIMEOUT_MINUTES}m` },
    onFailure: async ({ event, step, deps, error }) => {
      const data = event.data.event.data;
      const message = `The job failed after ${MAX_ATTEMPTS} attempts: ${plainMessage(error)}`;
      const ended = await step.run("record-failure", () => endAgentJob(deps.db, { jobId: data.jobId, status: "FAILED", error: message }));
      if (ended.ended) {
        const ref = { organizationId: data.organizationId, issueId: data.issueId, jobId: data.jobId };
        await step.sendEvent("emit-job-failed", agentJobFailed.create({ ...ref, error: message }, { id: `agents-job-failed-${data.jobId}` }));
        await publishTaskStatus(step, "announce-failed", data.issueId, { kind: "status", jobId: data.jobId, status: "FAILED", label: message.slice(0, 500) });
      }
      return { recorded: ended.ended };
    },
  },
  async ({ event, step, deps, attempt }) => {
    const { organizationId, issueId, jobId } = event.data;
    // Tasks raised by webhooks, schedules and alerts never met the route's budget gate: the job meets it here.
    const refusal = await step.run("check-budget", async () => (await overBudget(deps, organizationId))?.message ?? null);
    if (refusal) {
      const ended = await step.run("refuse-over-budget", () => endAgentJob(deps.db, { jobId, status: "FAILED", error: refusal }));
      if (ended.ended) {
        await step.sendEvent("emit-job-refused", agentJobFailed.create({ organizationId, issueId, jobId, error: refusal }, { id: `agents-job-failed-${jobId}` }));
        await publishTaskStatus(step, "announce-refused", issueId, { kind: "status", jobId, status: "FAILED", label: refusal.slice(0, 500) });
      }
      return { outcome: "over-budget" };
    }
    const started = await step.run("start", () => startAgentJob(deps.db, { organizationId, jobId }));
    if (!started.proceed) return { outcome: "skipped", reason: started.reason };
    await publishTaskStatus(step, "announce-running", issueId, { kind: "status", jobId, status: "RUNNING", label: `The ${started.input.agentType} agent is working on it.` });

    // Tool calls are announced as they are logged, from inside the step (not memoized: a retried
    // attempt announces its own calls, which is what the page shows happening).
    const tools = agentTaskChannel({ issueId }).tool;
    const run = await step.run("run-agent", async () => {
      await recordAttempt(deps.db, { jobId, attempt: attempt + 1 });
      return runAgentOrNoop(deps, started.input, (call) => inngest.realtime.publish(tools, { jobId, ...call }));
    });
    const stored = await step.run("store-artifacts", () => storeArtifacts(deps.db, { organizationId, jobId, artifacts: run.artifacts }));
    if (!stored.stored) return { outcome: "skipped", reason: stored.reason };
    // After the artifacts are kept: a proposal the agent made gets its approval card (ids from the proposal, so sent once).
    if (run.events?.length) await step.sendEvent("send-agent-events", run.events);

    const done = await step.run("complete", () => completeAgentJob(deps.db, { jobId, summary: run.summary, generator: run.generator, artifacts: stored.artifacts }));
    if (done.completed) {
      await step.sendEvent("emit-job-completed", agentJobCompleted.create({ organizationId, issueId, jobId, artifacts: stored.artifacts }, { id: `agents-job-completed-${jobId}` }));
      await publishTaskStatus(step, "announce-review", issueId, { kind: "status", jobId, status: "REVIEW", label: run.summary.slice(0, 500) });
    }
    return { outcome: done.completed ? "completed" : "already-finished", artifacts: stored.artifacts };
  },
);
