import { eventType } from "inngest";
import { z } from "zod";
import { id, tenant } from "./shared";

/**
 * App generation (plan 004): design → job → prepare → pages (fanned out) → integration → validate and
 * fix → package → completed. Each stage ends by sending the next one's event; every job event names
 * its owner, because jobs are owner-only and the admission of queued jobs is per owner.
 */
const owned = { ...tenant, ownerId: id, projectId: id };
const job = { ...owned, jobId: id };

/** The design step: propose a page tree with 2–3 previews per page from the project's brief. */
export const appDesignRequested = eventType("appgen/design.requested", {
  schema: z.object({ ...owned, designId: id }),
});

export const appDesignProposed = eventType("appgen/design.proposed", {
  schema: z.object({ ...owned, designId: id, pageCount: z.number().int().nonnegative() }),
});

/** A job was accepted (status queued); admission starts it when one of the owner's 2 slots is free. */
export const appJobRequested = eventType("appgen/job.requested", {
  schema: z.object(job),
});

/** Admission gave the job a running slot: the pipeline starts (prepare, then the page fan-out). */
export const appJobStarted = eventType("appgen/job.started", {
  schema: z.object(job),
});

/** One page agent's work: one event per page, run at most APPGEN_PAGE_PARALLELISM per job at once. */
export const appPageRequested = eventType("appgen/page.requested", {
  schema: z.object({ ...job, pageId: id }),
});

export const appPageGenerated = eventType("appgen/page.generated", {
  schema: z.object({ ...job, pageId: id, files: z.array(z.string()) }),
});

/** Shared layout, navigation, theme and action routes are in; validation starts. */
export const appIntegrationCompleted = eventType("appgen/integration.completed", {
  schema: z.object(job),
});

/** The validate-and-fix loop ended: `passed` is false after 4 fix rounds (the app is still packaged). */
export const appValidationCompleted = eventType("appgen/validation.completed", {
  schema: z.object({ ...job, passed: z.boolean(), fixRounds: z.number().int().nonnegative(), warnings: z.array(z.string()) }),
});

export const appArtifactZipped = eventType("appgen/artifact.zipped", {
  schema: z.object({
    ...job,
    artifactId: id,
    storageKey: z.string(),
    sizeBytes: z.number().int().nonnegative(),
    checksum: z.string(),
  }),
});

export const appJobCompleted = eventType("appgen/job.completed", {
  schema: z.object({ ...job, status: z.enum(["completed", "completed_with_warnings"]) }),
});

export const appJobFailed = eventType("appgen/job.failed", {
  schema: z.object({ ...job, error: z.string() }),
});

/** The owner (or the 45-minute watchdog) stops a job: its stage runs are cancelled, its sandbox deleted. */
export const appJobCancelRequested = eventType("appgen/job.cancel-requested", {
  schema: z.object({ ...job, reason: z.string() }),
});
