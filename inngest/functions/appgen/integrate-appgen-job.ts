import { RetryAfterError } from "inngest";
import { inngest } from "@/inngest/client";
import { appIntegrationCompleted, appPageGenerated } from "@/inngest/events/appgen";
import { generateIntegration, recordAgentTask, writeAgentFiles } from "@/server/appgen/pipeline/agent-work";
import { loadRunningJob } from "@/server/appgen/pipeline/job-state";
import { claimIntegration } from "@/server/appgen/pipeline/tasks";
import { plainError } from "@/server/creative/plain-error";
import { backoffFor } from "./generate-appgen-page";
import { cancelOnJob, failAndAnnounce, jobRef } from "./stage-failure";

/**
 * The fan-in: every page.generated asks whether all pages are done; the one that moves the stage
 * pages → integration (compare-and-set) runs the integration agent, the others end at once.
 */
export const integrateAppgenJob = inngest.createFunction(
  {
    id: "integrate-appgen-job",
    triggers: [appPageGenerated],
    concurrency: [{ key: "event.data.jobId", limit: 1 }],
    cancelOn: cancelOnJob,
    retries: 3,
    onFailure: async ({ event, step, deps, error }) => failAndAnnounce(step, deps, event.data.event.data, new Error(`Integration failed: ${plainError(error)}`)),
  },
  async ({ event, step, deps, runId, attempt }) => {
    const ref = jobRef(event.data);
    const job = await step.run("load-job", () => loadRunningJob(deps.db, ref.jobId));
    if (!job?.sandboxId) return { outcome: "stopped" };
    const sandboxId = job.sandboxId;
    const claimed = await step.run("claim-integration", () => claimIntegration(deps.db, ref.jobId));
    if (!claimed) return { outcome: "waiting-for-pages" };

    const output = await step.run("run-integration-agent", async () => {
      try {
        return await generateIntegration({ db: deps.db, llm: deps.services.llm }, { ...ref, runId });
      } catch (error) {
        throw new RetryAfterError(`The integration agent failed: ${plainError(error)}`, backoffFor(attempt));
      }
    });
    const written = await step.run("write-integration-files", () => writeAgentFiles(deps.services.sandbox.sessions, { sandboxId, scope: { kind: "integration" }, files: output.files }));
    await step.run("record-integration-done", () =>
      recordAgentTask(deps.db, {
        task: { organizationId: ref.organizationId, jobId: ref.jobId, key: "integration", kind: "integration", status: "done", files: written.written },
        stage: "integration",
        summary: output.summary,
        rejected: written.rejected,
        generator: output.generator,
      }),
    );
    await step.sendEvent("emit-integration-completed", appIntegrationCompleted.create(ref, { id: `appgen-integration-completed-${ref.jobId}` }));
    return { outcome: "integrated", files: written.written.length };
  },
);
