import { cron } from "inngest";
import { env } from "@/env";
import { inngest } from "@/inngest/client";
import { appJobRequested } from "@/inngest/events";
import { findArtifactsBeyondKept, findFailedUploadKeys, JOB_SANDBOX_LABEL, jobsAdmissionMissed, recordArtifactsRemoved, staleJobSandboxes } from "@/server/appgen/retention";

const BATCH = 100;
// A bound on one run's steps: anything left waits for the next hourly run.
const MAX_BATCHES = 50;

/**
 * On APPGEN_RETENTION_CRON (hourly by default): keeps the newest 5 artifacts per project and removes
 * the rest (object first, then its record, so a failure in between is finished by the next run), then
 * the stale temp outputs: sandboxes of ended or overdue jobs, and objects of jobs that failed mid-upload.
 * Last, queued jobs that admission missed (their submit's event was lost) are asked for again.
 */
export const pruneAppgenArtifacts = inngest.createFunction(
  { id: "prune-appgen-artifacts", triggers: [cron(env().APPGEN_RETENTION_CRON)], concurrency: { limit: 1 } },
  async ({ step, deps }) => {
    // Fixed once, so replayed steps judge against the same moment.
    const now = new Date(await step.run("now", () => new Date().toISOString()));
    let removed = 0;
    for (let n = 0; n < MAX_BATCHES; n++) {
      const batch = await step.run(`find-artifacts-beyond-kept-${n}`, () => findArtifactsBeyondKept(deps.db, { limit: BATCH }));
      if (batch.length === 0) break;
      await step.run(`remove-artifact-objects-${n}`, () => deps.services.storage.remove(batch.map((a) => a.storageKey)));
      removed += await step.run(`record-artifacts-removed-${n}`, () => recordArtifactsRemoved(deps.db, batch, now));
      if (batch.length < BATCH) break;
    }

    const sessions = deps.services.sandbox.sessions;
    const stale = await step.run("find-stale-sandboxes", async () => staleJobSandboxes(deps.db, await sessions.findLabelled(JOB_SANDBOX_LABEL), now));
    if (stale.length > 0) await step.run("delete-stale-sandboxes", () => Promise.all(stale.map((id) => sessions.delete(id))));

    const uploads = await step.run("find-failed-uploads", () => findFailedUploadKeys(deps.db, now));
    if (uploads.length > 0) await step.run("remove-failed-uploads", () => deps.services.storage.remove(uploads));

    const missed = await step.run("find-jobs-admission-missed", () => jobsAdmissionMissed(deps.db, now));
    if (missed.length > 0) {
      const tick = now.toISOString().slice(0, 16);
      await step.sendEvent("ask-admission-again", missed.map((job) => appJobRequested.create(job, { id: `appgen-admission-again-${job.jobId}-${tick}` })));
    }
    return { removedArtifacts: removed, deletedSandboxes: stale.length, failedUploadsSwept: uploads.length, admissionAskedAgain: missed.length };
  },
);
