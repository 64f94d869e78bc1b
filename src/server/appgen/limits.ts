/** Plan 004's limits, in one place so the API, the functions and the tests agree. */
export const RUNNING_JOBS_PER_OWNER = 2;
export const JOBS_PER_OWNER_PER_DAY = 5;
export const MAX_FIX_ROUNDS = 4;
export const ARTIFACT_MAX_BYTES = 350 * 1024 * 1024;
export const DOWNLOAD_URL_TTL_SECONDS = 15 * 60;
export const ARTIFACTS_KEPT_PER_PROJECT = 5;
/** Transient failures (sandbox 429/5xx, a model timeout) are retried after these waits. */
export const RETRY_BACKOFF_SECONDS = [20, 60, 180] as const;
/** The template every job's sandbox starts from (src/sandbox-programs/templates/app-starter). */
export const APP_STARTER_TEMPLATE = "app-starter";

/** Private storage key of a job's ZIP. */
export function artifactKey(ref: { ownerId: string; projectId: string; jobId: string }): string {
  return `generated-apps/${ref.ownerId}/${ref.projectId}/${ref.jobId}/app.zip`;
}
