import { Daytona, DaytonaNotFoundError, SnapshotState } from "@daytonaio/sdk";
import type { SnapshotVerification } from "@/server/db/schema/sandbox";
import { wrapCommand } from "@/server/services/sandbox/daytona-sandbox";
import { probeScript, readProbe, type ProbePlan } from "../probe";
import type { DaytonaRecipe } from "./recipe";

export function daytonaClient(opts: { apiKey: string; apiUrl: string }): Daytona {
  // Plain HTTP polling, as the sandbox service does: no long-lived socket per process, and msw can see it.
  return new Daytona({ apiKey: opts.apiKey, apiUrl: opts.apiUrl, useDeprecatedPolling: true });
}

async function findSnapshot(daytona: Daytona, name: string) {
  try {
    return await daytona.snapshot.get(name);
  } catch (err) {
    if (err instanceof DaytonaNotFoundError) return null;
    throw err;
  }
}

/**
 * Builds the recipe's snapshot, or reuses it when Daytona already has it active (same hash, same image).
 * The SDK's `timeout` bounds only the create request, and its wait for the build has none, so the whole
 * build races an overall deadline; a build that fails or runs out of time is deleted (which also ends
 * the SDK's polling) so the next attempt starts clean.
 */
export async function createSnapshotWithin(
  daytona: Daytona,
  recipe: DaytonaRecipe,
  opts: { deadlineMs: number; onLogs?: (line: string) => void },
): Promise<{ reused: boolean }> {
  const existing = await findSnapshot(daytona, recipe.snapshotName);
  if (existing?.state === SnapshotState.ACTIVE) return { reused: true };
  if (existing) await daytona.snapshot.delete(existing);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`The snapshot build passed its ${Math.round(opts.deadlineMs / 1000)} s deadline`)),
      opts.deadlineMs,
    );
  });
  try {
    const build = daytona.snapshot.create(
      { name: recipe.snapshotName, image: recipe.image, resources: { cpu: 1, memory: 2, disk: 5 } },
      { onLogs: opts.onLogs ?? (() => {}), timeout: Math.ceil(opts.deadlineMs / 1000) },
    );
    await Promise.race([build, deadline]);
    return { reused: false };
  } catch (err) {
    await daytona.snapshot.delete(recipe.snapshotName).catch(() => {});
    throw err;
  } finally {
    clearTimeout(timer);
  }
}

export interface DaytonaVerification {
  verification: SnapshotVerification;
  /** Create → first command answered, for the "< 500 ms from a pre-built snapshot" check. */
  coldStartMs: number;
}

/** Starts a sandbox from the snapshot, runs the probe in it, and always deletes it. */
export async function verifyDaytonaSnapshot(
  daytona: Daytona,
  opts: { snapshotName: string; plan: ProbePlan },
): Promise<DaytonaVerification> {
  const started = Date.now();
  const sandbox = await daytona.create(
    { snapshot: opts.snapshotName, labels: { app: "aigency", purpose: "snapshot-verify" }, ephemeral: true, autoStopInterval: 5 },
    { timeout: 120 },
  );
  try {
    await sandbox.process.executeCommand("true", undefined, undefined, 30);
    const coldStartMs = Date.now() - started;
    const res = await sandbox.process.executeCommand(wrapCommand(probeScript(opts.plan)), undefined, undefined, 120);
    return { verification: readProbe(opts.plan, res.result ?? ""), coldStartMs };
  } finally {
    await sandbox.delete().catch((err: unknown) => {
      console.warn(`[sandbox] could not delete verification sandbox ${sandbox.id}: ${(err as Error).message}`);
    });
  }
}
