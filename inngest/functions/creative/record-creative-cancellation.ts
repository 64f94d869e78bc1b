import { z } from "zod";
import { inngest } from "@/inngest/client";
import { creativeVersionFailed } from "@/inngest/events";
import { cancellationReason, failCreativeVersion } from "@/server/creative/finish";
import { deleteSandboxesOfVersion } from "@/server/creative/sandbox-lifecycle";
import { generateCreativeVersion } from "./generate-creative-version";

/** The engine names a function by app id and function id ("aigency-generate-creative-version"). */
const GENERATE_FULL_ID = generateCreativeVersion.id(inngest.id);

const cancelledRun = z.object({
  function_id: z.string(),
  event: z.object({ data: z.object({ organizationId: z.string().min(1), sessionId: z.string().min(1), versionId: z.string().min(1) }) }),
});

/**
 * A cancelled generate-creative-version run (cancel requested, or the 10-minute finish timeout)
 * never reaches its own finally: this deletes the version's sandbox, found by label, and ends the
 * version FAILED with the reason.
 */
export const recordCreativeCancellation = inngest.createFunction(
  {
    id: "record-creative-cancellation",
    triggers: [{ event: "inngest/function.cancelled", if: `event.data.function_id == '${GENERATE_FULL_ID}'` }],
    retries: 3,
  },
  async ({ event, step, deps, runId }) => {
    const parsed = cancelledRun.safeParse(event.data);
    // The trigger's filter is the engine's; this is ours, so another function's cancellation is never acted on.
    if (!parsed.success || parsed.data.function_id !== GENERATE_FULL_ID) return { outcome: "not-a-creative-run" };
    const data = parsed.data.event.data;
    const deleted = await step.run("delete-labelled-sandboxes", () => deleteSandboxesOfVersion(deps.services.sandbox.sessions, data.versionId));
    const failed = await step.run("record-cancelled", async () => {
      const error = await cancellationReason(deps.db, data.versionId);
      return { ...(await failCreativeVersion(deps.db, { versionId: data.versionId, runId, error })), error };
    });
    if (failed.failed && failed.version) {
      await step.sendEvent("emit-version-failed", creativeVersionFailed.create({ ...data, version: failed.version, error: failed.error }));
    }
    return { outcome: failed.failed ? "recorded" : "already-finished", deletedSandboxes: deleted.length };
  },
);
