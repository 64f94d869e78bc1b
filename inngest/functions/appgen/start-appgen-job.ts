import { inngest } from "@/inngest/client";
import { appJobStarted, appPageRequested } from "@/inngest/events/appgen";
import { buildSandboxSnapshotFn } from "@/inngest/functions/sandbox/build-sandbox-snapshot";
import { pipelineAgents } from "@/server/appgen/pipeline/agents";
import { commandTimeout, loadJobSpec, loadRunningJob, setJobStatus } from "@/server/appgen/pipeline/job-state";
import { createJobSandbox, uploadJobInputs } from "@/server/appgen/pipeline/sandbox";
import { createPageTasks } from "@/server/appgen/pipeline/tasks";
import { prepareWorkspace } from "@/server/appgen/pipeline/workspace";
import { APP_STARTER_TEMPLATE } from "@/server/appgen/limits";
import { appendJobLog } from "@/server/appgen/logs";
import { cancelOnJob, failAndAnnounce, jobRef } from "./stage-failure";

const PREPARE_BUDGET_SECONDS = 300;

/**
 * Prepare: the job's sandbox from the app-starter template (built first if embedded mode never had
 * it), the spec and scripts in `.agent/`, the starter app in `workspace/`, one task per page, then
 * one page.requested per page. The sandbox stays for the later stages; they find it by the job's row.
 */
export const startAppgenJob = inngest.createFunction(
  {
    id: "start-appgen-job",
    triggers: [appJobStarted],
    cancelOn: cancelOnJob,
    retries: 3,
    onFailure: async ({ event, step, deps, error }) => failAndAnnounce(step, deps, event.data.event.data, error),
  },
  async ({ event, step, deps }) => {
    const ref = jobRef(event.data);
    const sessions = deps.services.sandbox.sessions;
    const job = await step.run("load-job", async () => {
      const running = await loadRunningJob(deps.db, ref.jobId);
      return running && { ...running, pageIds: (await loadJobSpec(deps.db, ref.jobId)).pages.map((p) => p.pageId) };
    });
    if (!job) return { outcome: "stopped" };

    const createSandbox = () => createJobSandbox({ db: deps.db, sandbox: deps.services.sandbox }, ref.jobId);
    let created = await step.run("create-sandbox", createSandbox);
    if (!created.ok) {
      // Through the build function, so it waits in the one build queue with the 30-minute refreshes.
      const built = await step.invoke("prepare-sandbox-template", {
        function: buildSandboxSnapshotFn,
        data: { reason: `app generation job ${ref.jobId}: the ${APP_STARTER_TEMPLATE} template was not prepared` },
        timeout: "5m",
      });
      if (built.status === "failed") throw new Error(`The sandbox template could not be prepared: ${built.error}`);
      created = await step.run("create-sandbox-after-template", createSandbox);
      if (!created.ok) throw new Error(created.error);
    }
    const sandboxId = created.id;
    await step.run("upload-inputs", async () => {
      const spec = await loadJobSpec(deps.db, ref.jobId);
      return uploadJobInputs(sessions, { sandboxId, spec, packageJson: pipelineAgents().packageJson(spec) });
    });
    const prepared = await step.run("prepare-workspace", () => prepareWorkspace(sessions, { sandboxId, timeoutSeconds: commandTimeout(job, PREPARE_BUDGET_SECONDS) }));
    if (!prepared.ok) return { outcome: "failed", ...(await failAndAnnounce(step, deps, ref, `Preparing the app's workspace failed: ${prepared.output.slice(-300)}`)) };

    await step.run("create-page-tasks", async () => {
      await createPageTasks(deps.db, { organizationId: ref.organizationId, jobId: ref.jobId, pageIds: job.pageIds });
      await setJobStatus(deps.db, { jobId: ref.jobId, status: "running", stage: "pages" });
      await appendJobLog(deps.db, { ...ref, stage: "prepare", message: `The app's workspace is ready in a ${deps.services.sandbox.kind} sandbox; ${job.pageIds.length} page agent(s) requested` });
    });
    await step.sendEvent(
      "request-pages",
      job.pageIds.map((pageId) => appPageRequested.create({ ...ref, pageId }, { id: `appgen-page-requested-${ref.jobId}-${pageId}` })),
    );
    return { outcome: "pages-requested", pages: job.pageIds.length, sandboxId };
  },
);
