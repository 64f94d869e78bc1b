import { eq } from "drizzle-orm";
import type { Db } from "@/server/db";
import { appGenerationArtifacts } from "@/server/db/schema";
import { StorageNotFoundError, type StorageService } from "@/server/services/storage";
import type { AppJobRow } from "./jobs";
import { DOWNLOAD_URL_TTL_SECONDS } from "./limits";

export type DownloadLink =
  | { ok: true; url: string; expiresAt: string }
  | { ok: false; status: 409 | 410 | 503; message: string };

const DOWNLOADABLE = new Set(["completed", "completed_with_warnings"]);

/**
 * A 15-minute signed link to the job's ZIP. Not finished yet (or failed): 409. Removed by retention
 * (status expired, or the object is gone): 410, which says the owner can generate again. The store
 * failing to sign: 503. `expiresAt` counts from `now`, read before the store signs with its own clock, so the
 * link never expires before the time the owner is told.
 */
export async function createDownloadLink(deps: { db: Db; storage: StorageService }, job: AppJobRow, now = new Date()): Promise<DownloadLink> {
  const gone = { ok: false, status: 410, message: "This app's ZIP was removed (only the newest 5 per project are kept). Generate it again to download it." } as const;
  if (job.status === "expired") return gone;
  if (!DOWNLOADABLE.has(job.status)) return { ok: false, status: 409, message: `The app is not ready to download (the job is ${job.status.replace(/_/g, " ")}).` };
  const [artifact] = await deps.db.select().from(appGenerationArtifacts).where(eq(appGenerationArtifacts.jobId, job.id));
  if (!artifact) return { ok: false, status: 409, message: "The job finished without a ZIP to download." };
  if (artifact.removedAt) return gone;
  try {
    const url = await deps.storage.signedUrl(artifact.storageKey, DOWNLOAD_URL_TTL_SECONDS);
    return { ok: true, url, expiresAt: new Date(now.getTime() + DOWNLOAD_URL_TTL_SECONDS * 1000).toISOString() };
  } catch (err) {
    if (err instanceof StorageNotFoundError) return gone;
    // The store is down or refusing (Supabase 5xx, 429): nothing is wrong with the job, so say try again.
    console.error("Could not sign an app download link", { jobId: job.id, error: err instanceof Error ? err.name : "unknown" });
    return { ok: false, status: 503, message: "The download link could not be made just now. Try again in a minute." };
  }
}
