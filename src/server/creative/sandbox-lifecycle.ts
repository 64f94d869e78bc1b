import { eq } from "drizzle-orm";
import type { Db } from "@/server/db";
import { creativeVersions } from "@/server/db/schema";
import { recordColdStart } from "@/server/sandbox/cold-starts";
import { SandboxTemplateMissingError, type SandboxFile, type SandboxService, type SandboxSessions } from "@/server/services/sandbox/types";
import type { StorageService } from "@/server/services/storage/types";
import { readAgentProgram } from "./agent-program";
import { HOOK_COUNT } from "./inputs";
import type { PreparedVersion } from "./prepare";

export const CREATIVE_TEMPLATE = "creative-agent";
const labelsFor = (versionId: string) => ({ app: "aigency", creativeVersionId: versionId });

/**
 * A sandbox from the creative template, labelled with the version so the failure and cancellation
 * handlers can find it again. The first command (node's version) ends the cold start we record.
 */
export async function createVersionSandbox(deps: { db: Db; sandbox: SandboxService }, input: { versionId: string }) {
  // A retried step may have created one before failing: never leave that one running beside the new one.
  await deleteSandboxesOfVersion(deps.sandbox.sessions, input.versionId);
  const createdAtMs = Date.now();
  let created: Awaited<ReturnType<SandboxSessions["create"]>>;
  try {
    created = await deps.sandbox.sessions.create({ labels: labelsFor(input.versionId), template: CREATIVE_TEMPLATE, maxLifetimeMinutes: 15 });
  } catch (error) {
    // Embedded mode before the first snapshot build: the run prepares the template, then asks again.
    if (SandboxTemplateMissingError.is(error)) return { ok: false as const, templateMissing: true as const, error: error.message };
    throw error;
  }
  await deps.db.update(creativeVersions).set({ sandboxId: created.id, sandboxKind: deps.sandbox.kind }).where(eq(creativeVersions.id, input.versionId));
  const first = await deps.sandbox.sessions.exec(created.id, { command: "node --version", timeoutSeconds: 30 });
  const coldStartMs = Date.now() - createdAtMs;
  if (first.exitCode !== 0) return { ok: false as const, id: created.id, createdAtMs, error: "The sandbox started but could not run node" };
  await recordColdStart(deps.db, { kind: deps.sandbox.kind, snapshot: created.snapshot, purpose: "creative-version", coldStartMs });
  return { ok: true as const, id: created.id, createdAtMs, coldStartMs };
}

/** The agent program, its input, and the reused files of the version this one builds on, into out/. */
export async function uploadVersionInputs(
  deps: { sessions: SandboxSessions; storage: StorageService },
  input: { sandboxId: string; prepared: PreparedVersion },
): Promise<{ files: number; reused: number }> {
  const { prepared } = input;
  const agent = await readAgentProgram();
  const task = {
    version: prepared.version,
    brandName: prepared.brandName,
    brandUrl: prepared.brandUrl,
    hookCount: HOOK_COUNT,
    feedback: prepared.feedback,
    plan: prepared.plan,
  };
  const reused: SandboxFile[] = await Promise.all(prepared.reused.map(async (r) => ({ path: `out/${r.name}`, content: await deps.storage.get(r.storageKey) })));
  const files = [...agent, { path: "input.json", content: JSON.stringify(task, null, 2) }, ...reused];
  await deps.sessions.upload(input.sandboxId, files);
  return { files: files.length, reused: reused.length };
}

/** Deletes the sandbox; one already gone counts as deleted. */
export async function deleteVersionSandbox(sessions: SandboxSessions, sandboxId: string): Promise<{ deleted: boolean; deletedAtMs: number }> {
  const deleted = await sessions.delete(sandboxId);
  return { deleted, deletedAtMs: Date.now() };
}

/** Every live sandbox labelled with this version (the handlers' view: they never saw the run's ids). */
export async function deleteSandboxesOfVersion(sessions: SandboxSessions, versionId: string): Promise<string[]> {
  const ids = await sessions.findByLabels(labelsFor(versionId));
  for (const id of ids) await sessions.delete(id);
  return ids;
}
