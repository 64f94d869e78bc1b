import { RetryAfterError } from "inngest";
import { env } from "@/env";
import { inngest } from "@/inngest/client";
import { appPageGenerated, appPageRequested } from "@/inngest/events/appgen";
import { RETRY_BACKOFF_SECONDS } from "@/server/appgen/limits";
import { generatePage, recordAgentTask, writePageFiles } from "@/server/appgen/pipeline/agent-work";
import { loadRunningJob } from "@/server/appgen/pipeline/job-state";
import { pageTaskKey } from "@/server/appgen/pipeline/tasks";
import { plainError } from "@/server/creative/plain-error";
import { cancelOnJob, failAndAnnounce, jobRef } from "./stage-failure";

/** A transient failure waits 20 s, then 60 s, then 180 s (plan 004) before the page is tried again. */
export const backoffFor = (attempt: number) => RETRY_BACKOFF_SECONDS[Math.min(attempt, RETRY_BACKOFF_SECONDS.length - 1)]! * 1000;

/**
 * One page agent: the model call (one step), the scope check and upload into the workspace, the task
 * row, then page.generated for the fan-in. At most APPGEN_PAGE_PARALLELISM (4, hard max 6) of a job's
 * pages run at once, so a job runs min(pages, 4). A page that fails every retry fails the job.
 */
export const generateAppgenPage = inngest.createFunction(
  {
    id: "generate-appgen-page",
    triggers: [appPageRequested],
    concurrency: [{ key: "event.data.jobId", limit: env().APPGEN_PAGE_PARALLELISM }],
    cancelOn: cancelOnJob,
    retries: RETRY_BACKOFF_SECONDS.length,
    onFailure: async ({ event, step, deps, error }) => failAndAnnounce(step, deps, event.data.event.data, new Error(`Page ${event.data.event.data.pageId} could not be generated: ${plainError(error)}`)),
  },
  async ({ event, step, deps, runId, attempt }) => {
    const ref = jobRef(event.data);
    const { pageId } = event.data;
    const job = await step.run("load-job", () => loadRunningJob(deps.db, ref.jobId));
    if (!job?.sandboxId) return { outcome: "stopped" };
    const sandboxId = job.sandboxId;

    const output = await step.run("run-page-agent", async () => {
      try {
        return await generatePage({ db: deps.db, llm: deps.services.llm }, { ...ref, pageId, runId });
      } catch (error) {
        throw new RetryAfterError(`The page agent failed: ${plainError(error)}`, backoffFor(attempt));
      }
    });
    const written = await step.run("write-page-files", () => writePageFiles({ db: deps.db, sessions: deps.services.sandbox.sessions }, { sandboxId, jobId: ref.jobId, pageId, files: output.files }));
    await step.run("record-page-done", () =>
      recordAgentTask(deps.db, {
        task: { organizationId: ref.organizationId, jobId: ref.jobId, key: pageTaskKey(pageId), kind: "page", pageId, status: "done", files: written.written },
        stage: "pages",
        summary: output.summary,
        rejected: written.rejected,
      }),
    );
    await step.sendEvent("emit-page-generated", appPageGenerated.create({ ...ref, pageId, files: written.written }, { id: `appgen-page-generated-${ref.jobId}-${pageId}` }));
    return { outcome: "generated", files: written.written.length, rejected: written.rejected.length };
  },
);
