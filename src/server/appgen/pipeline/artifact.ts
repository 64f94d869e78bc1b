import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "@/server/db";
import { appGenerationArtifacts } from "@/server/db/schema/appgen";
import { SandboxLimitError, type SandboxSessions } from "@/server/services/sandbox/types";
import type { StorageService } from "@/server/services/storage/types";
import { recordJobCost } from "./job-cost";
import { ARTIFACT_MAX_BYTES, artifactKey } from "../limits";
import { checkZip } from "./zip-check";
import { runSandboxCommand } from "./workspace";

const ZIP_PATH = ".agent/out/app.zip";
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

export type ZipResult = { ok: true; bytes: number; entries: number } | { ok: false; error: string };

/** package.mjs in the sandbox: the workspace without node_modules/build output, modes kept. */
export async function zipWorkspace(sessions: SandboxSessions, input: { sandboxId: string; timeoutSeconds: number; maxBytes?: number }): Promise<ZipResult> {
  const maxBytes = input.maxBytes ?? ARTIFACT_MAX_BYTES;
  const run = await runSandboxCommand(sessions, { sandboxId: input.sandboxId, command: "node .agent/bin/package.mjs", timeoutSeconds: input.timeoutSeconds });
  if (!run.ok) return { ok: false, error: `Packaging the app failed: ${run.output.trim().split("\n").slice(-3).join(" ")}` };
  const summary = JSON.parse(run.output.trim().split("\n").pop() ?? "{}") as { bytes?: number; entries?: number };
  const bytes = summary.bytes ?? 0;
  if (bytes > maxBytes) return { ok: false, error: `The app's ZIP is ${mb(bytes)}, over the ${mb(maxBytes)} limit` };
  return { ok: true, bytes, entries: summary.entries ?? 0 };
}

export type StoredZip = { ok: true; storageKey: string; sizeBytes: number; checksum: string; entryCount: number } | { ok: false; error: string };

/**
 * Downloads the ZIP (refusing more than the cap even if it grew since it was measured), checks every
 * entry, and stores it privately at the job's key. Storing again after a retry overwrites the same key.
 */
export async function storeZip(
  deps: { sessions: SandboxSessions; storage: StorageService },
  input: { sandboxId: string; ownerId: string; projectId: string; jobId: string; maxBytes?: number },
): Promise<StoredZip> {
  const maxBytes = input.maxBytes ?? ARTIFACT_MAX_BYTES;
  let zip: Buffer | undefined;
  try {
    zip = (await deps.sessions.download(input.sandboxId, [ZIP_PATH], { maxFileBytes: maxBytes, maxTotalBytes: maxBytes }))[ZIP_PATH];
  } catch (error) {
    if (SandboxLimitError.is(error)) return { ok: false, error: `The app's ZIP is over the ${mb(maxBytes)} limit` };
    throw error;
  }
  if (!zip) return { ok: false, error: "The app's ZIP was not found in the sandbox" };
  const check = await checkZip(zip);
  if (!check.ok) return { ok: false, error: `The app's ZIP was refused: ${check.problems.slice(0, 5).join("; ")}` };
  const storageKey = artifactKey(input);
  await deps.storage.put(storageKey, zip, "application/zip");
  return { ok: true, storageKey, sizeBytes: zip.length, checksum: createHash("sha256").update(zip).digest("hex"), entryCount: check.entryCount };
}

/** One artifact row per job: a retry after "stored, but the row was not written" adds it once, never twice. */
export async function recordArtifact(
  db: Db,
  input: { organizationId: string; ownerId: string; projectId: string; jobId: string; storageKey: string; sizeBytes: number; checksum: string; entryCount: number },
): Promise<{ artifactId: string }> {
  // The ZIP's bytes go on the cost ledger with its row, once per job (a retry or a rerun overwrites the same key).
  await db.transaction(async (tx) => {
    await tx.insert(appGenerationArtifacts).values(input).onConflictDoUpdate({
      target: appGenerationArtifacts.jobId,
      set: { storageKey: input.storageKey, sizeBytes: input.sizeBytes, checksum: input.checksum, entryCount: input.entryCount },
    });
    await recordJobCost(tx, { ...input, runId: input.jobId }, { what: "zip", bytes: input.sizeBytes });
  });
  const [row] = await db.select({ id: appGenerationArtifacts.id }).from(appGenerationArtifacts).where(eq(appGenerationArtifacts.jobId, input.jobId));
  return { artifactId: row!.id };
}
