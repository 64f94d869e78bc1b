import { eventType } from "inngest";
import { z } from "zod";

/** Build the agents' sandbox snapshot (Daytona) or local template directory, then verify it. */
export const sandboxSnapshotBuildRequested = eventType("sandbox/snapshot.build-requested", {
  schema: z.object({ reason: z.string().min(1) }),
});

/** One pre-built template to refresh (fanned out by the 30-minute cron). */
export const sandboxTemplateRefreshRequested = eventType("sandbox/template.refresh-requested", {
  schema: z.object({ template: z.string().min(1) }),
});

/** A template refresh failed after its last attempt: operators are emailed, `/status` shows it. */
export const sandboxTemplateRefreshFailed = eventType("sandbox/template.refresh-failed", {
  schema: z.object({ template: z.string().min(1), error: z.string() }),
});
