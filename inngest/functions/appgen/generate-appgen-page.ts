import { RetryAfterError } from "inngest";
import { env } from "@/env";
import { inngest } from "@/inngest/client";
import { appPageGenerated, appPageRequested } from "@/inngest/events/appgen";
import { RETRY_BACKOFF_SECONDS } from "@/server/appgen/limits";
import { generatePage, recordAgentTask, writePageFiles } from "@/server/appgen/pipeline/agent-work";
import { loadRunningJob } from "@/server/appgen/pipeline/job-state";
import { markTaskAttempt, pageTaskKey } from "@/server/appgen/pipeline/tasks";
import { configuredSecrets } from "@/server/appgen/logs";
import { redact } from "@/server/redact";
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
    onFailure: async ({ event, step, deps, error }) => {
      const data = event.data.event.data;
      const message = `Page ${data.pageId} could not be generated: ${redact(plainError(error), configuredSecrets())}`;
      await step.run("record-page-failed", () => markTaskAttempt(deps.db, { jobId: data.jobId, key: pageTaskKey(data.pageId), status: "failed", attempt: RETRY_BACKOFF_SECONDS.length + 1, error: message }));
      return failAndAnnounce(step, deps, data, new Error(message));
    },
  },
  async ({ event, step, deps, runId, attempt }) => {
    const ref = jobRef(event.data);
    const { pageId } = event.data;
    const job = await step.run("load-job", () => loadRunningJob(deps.db, ref.jobId));
    if (!job?.sandboxId) return { outcome: "stopped" };
    const sandboxId = job.sandboxId;

    const key = pageTaskKey(pageId);
    const output = await step.run("run-page-agent", async () => {
      // The attempt is marked here, where the engine's attempt number is this step's own.
      await markTaskAttempt(deps.db, { jobId: ref.jobId, key, status: "running", attempt: attempt + 1 });
      try {
        return await generatePage({ db: deps.db, llm: deps.services.llm }, { ...ref, pageId, runId });
      } catch (error) {
        const message = `The page agent failed: ${redact(plainError(error), configuredSecrets())}`;
        await markTaskAttempt(deps.db, { jobId: ref.jobId, key, status: "running", attempt: attempt + 1, error: message });
        throw new RetryAfterError(message, backoffFor(attempt));
      }
    });
    const written = await step.run("write-page-files", () => writePageFiles({ db: deps.db, sessions: deps.services.sandbox.sessions }, { sandboxId, jobId: ref.jobId, pageId, files: output.files }));
    await step.run("record-page-done", () =>
      recordAgentTask(deps.db, {
        task: { organizationId: ref.organizationId, jobId: ref.jobId, key, kind: "page", pageId, status: "done", files: written.written },
        stage: "pages",
        summary: output.summary,
        rejected: written.rejected,
        generator: output.generator,
      }),
    );
    await step.sendEvent("emit-page-generated", appPageGenerated.create({ ...ref, pageId, files: written.written }, { id: `appgen-page-generated-${ref.jobId}-${pageId}` }));
    return { outcome: "generated", files: written.written.length, rejected: written.rejected.length };
  },
);
