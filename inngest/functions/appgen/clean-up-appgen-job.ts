import { z } from "zod";
import { inngest } from "@/inngest/client";
import { appJobFailed } from "@/inngest/events/appgen";
import { stopJobSandboxes } from "@/server/appgen/pipeline/sandbox";
import { generateAppgenPage } from "./generate-appgen-page";
import { integrateAppgenJob } from "./integrate-appgen-job";
import { packageAppgenJob } from "./package-appgen-job";
import { failAndAnnounce } from "./stage-failure";
import { startAppgenJob } from "./start-appgen-job";
import { validateAppgenJob } from "./validate-appgen-job";

/** The engine names a function by app id and function id ("aigency-start-appgen-job"). */
const STAGE_IDS = [startAppgenJob, generateAppgenPage, integrateAppgenJob, validateAppgenJob, packageAppgenJob].map((f) => f.id(inngest.id));
const cancelledIf = STAGE_IDS.map((id) => `event.data.function_id == '${id}'`).join(" || ");

const jobData = z.object({ organizationId: z.string().min(1), ownerId: z.string().min(1), projectId: z.string().min(1), jobId: z.string().min(1) });
const cancelledRun = z.object({ function_id: z.string(), event: z.object({ data: jobData }) });

/**
 * The sandbox goes on every ending that is not success: a failed job, and a cancelled stage run
 * (the owner's cancel, or the watchdog's), which never reaches its own clean-up. Found by label,
 * so a sandbox a crashed step made but never recorded goes too.
 */
export const cleanUpAppgenJob = inngest.createFunction(
  {
    id: "clean-up-appgen-job",
    triggers: [appJobFailed, { event: "inngest/function.cancelled", if: cancelledIf }],
    retries: 3,
  },
  async ({ event, step, deps, runId }) => {
    let data: z.infer<typeof jobData>;
    if (event.name === "inngest/function.cancelled") {
      const parsed = cancelledRun.safeParse(event.data);
      // The trigger's filter is the engine's; this one is ours, so another function's cancellation is never acted on.
      if (!parsed.success || !STAGE_IDS.includes(parsed.data.function_id)) return { outcome: "not-an-appgen-run" };
      data = parsed.data.event.data;
    } else {
      data = jobData.parse(event.data);
    }
    const deleted = await step.run("delete-labelled-sandboxes", () => stopJobSandboxes({ db: deps.db, sessions: deps.services.sandbox.sessions }, { jobId: data.jobId, runId }));
    // A cancelled stage leaves its job working: it ends failed here (once; a job already ended is left as it is).
    if (event.name === "inngest/function.cancelled") await failAndAnnounce(step, deps, data, new Error("The job was cancelled"));
    return { outcome: "cleaned", deletedSandboxes: deleted.length };
  },
);
