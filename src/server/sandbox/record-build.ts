import type { Db } from "@/server/db";
import type { SnapshotVerification } from "@/server/db/schema";
import { activateSnapshot, failSnapshot, findActiveSnapshot, markVerifying, startSnapshotRow, type SandboxKind } from "./snapshots";

export type SnapshotBuildOutcome = { kind: SandboxKind; name: string; snapshotId: string } & (
  | { status: "already-active" }
  | { status: "active" }
  | { status: "failed"; error: string }
);

export interface BuildSteps {
  kind: SandboxKind;
  name: string;
  recipeHash: string;
  /** Whether what the ACTIVE row describes is still really there (a local directory can be deleted). */
  stillPrepared: () => Promise<boolean>;
  build: () => Promise<void>;
  verify: () => Promise<SnapshotVerification>;
  /** Undo a build whose verification failed or threw (local: put the previous template back). */
  discard?: () => Promise<void>;
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * The bookkeeping every build shares: same recipe already ACTIVE → no work; otherwise a BUILDING row,
 * the build, VERIFYING, then ACTIVE (the previous one RETIRED) only if every check passed. Anything
 * else ends FAILED with the reason, and the kind's ACTIVE row is left as it was.
 */
export async function recordBuild(db: Db, steps: BuildSteps): Promise<SnapshotBuildOutcome> {
  const base = { kind: steps.kind, name: steps.name };
  const active = await findActiveSnapshot(db, steps.kind);
  if (active?.recipeHash === steps.recipeHash && (await steps.stillPrepared())) {
    return { ...base, snapshotId: active.id, status: "already-active" };
  }
  const snapshotId = await startSnapshotRow(db, { kind: steps.kind, name: steps.name, recipeHash: steps.recipeHash });
  const started = Date.now();
  let built = false;
  try {
    await steps.build();
    built = true;
    await markVerifying(db, snapshotId, Date.now() - started);
    const verification = await steps.verify();
    if (!verification.passed) {
      const error = `Verification failed: ${verification.failures.join("; ")}`;
      await steps.discard?.();
      await failSnapshot(db, snapshotId, { error, verification });
      return { ...base, snapshotId, status: "failed", error };
    }
    await activateSnapshot(db, snapshotId, verification);
    return { ...base, snapshotId, status: "active" };
  } catch (err) {
    if (built) await steps.discard?.().catch(() => {});
    const error = `${built ? "Verification" : "Build"} failed: ${message(err)}`;
    await failSnapshot(db, snapshotId, { error });
    return { ...base, snapshotId, status: "failed", error };
  }
}
