import { and, asc, desc, eq, lt } from "drizzle-orm";
import type { Db } from "@/server/db";
import { creativeArtifacts, creativeHooks, creativeSessions, creativeVersions } from "@/server/db/schema";
import type { RegenerationPlan, StageRecord } from "@/server/db/schema/creative";
import { STAGES, stagesNeeded } from "./limits";
import { decideRegeneration, QUICK_CHOICES, type QuickChoice } from "./regeneration";

export interface ReusedFile {
  /** Path inside the version folder ("research.md", "images/hook-1-1200x628.png"). */
  name: string;
  storageKey: string;
  /** The version that made it (a file reused twice still names its maker). */
  madeInVersionId: string;
}

export interface PreparedVersion {
  version: number;
  brandName: string;
  brandUrl: string;
  feedback: string | null;
  plan: RegenerationPlan;
  hydratedFrom: { id: string; version: number } | null;
  reused: ReusedFile[];
  startedAtMs: number;
}

const asQuickChoice = (v: string | null): QuickChoice | null => (QUICK_CHOICES as readonly string[]).includes(v ?? "") ? (v as QuickChoice) : null;

/** The newest COMPLETED version before `beforeVersion`: a FAILED one in between is passed over. */
export async function lastCompletedVersion(db: Db, input: { sessionId: string; beforeVersion: number }) {
  const [row] = await db
    .select({ id: creativeVersions.id, version: creativeVersions.version })
    .from(creativeVersions)
    .where(and(eq(creativeVersions.sessionId, input.sessionId), eq(creativeVersions.status, "COMPLETED"), lt(creativeVersions.version, input.beforeVersion)))
    .orderBy(desc(creativeVersions.version))
    .limit(1);
  return row ?? null;
}

/**
 * Starts a version: RUNNING, hydrated from the session's last finished version, with the plan of
 * what to redo decided and the stages it skips recorded. A version already finished (a replayed or
 * cancelled run) answers `finished` and is left alone.
 */
export async function prepareCreativeVersion(
  db: Db,
  input: { organizationId: string; sessionId: string; versionId: string },
): Promise<{ finished: true; status: string } | ({ finished: false } & PreparedVersion) | null> {
  const [row] = await db
    .select({ v: creativeVersions, s: creativeSessions })
    .from(creativeVersions)
    .innerJoin(creativeSessions, eq(creativeSessions.id, creativeVersions.sessionId))
    .where(and(eq(creativeVersions.id, input.versionId), eq(creativeVersions.organizationId, input.organizationId), eq(creativeVersions.sessionId, input.sessionId)));
  if (!row) return null;
  const { v, s } = row;
  if (v.status === "COMPLETED" || v.status === "FAILED") return { finished: true, status: v.status };

  const base = await lastCompletedVersion(db, { sessionId: s.id, beforeVersion: v.version });
  const hooks = base ? await db.select({ number: creativeHooks.number }).from(creativeHooks).where(eq(creativeHooks.versionId, base.id)) : [];
  const plan = decideRegeneration({ feedback: v.feedback, quickChoice: asQuickChoice(v.quickChoice), previousHookNumbers: base ? hooks.map((h) => h.number) : null });
  // Research redone means everything downstream is redone too: nothing is carried over.
  const hydratedFrom = base && !plan.research ? base : null;
  const reused = hydratedFrom
    ? (await db.select().from(creativeArtifacts).where(eq(creativeArtifacts.versionId, hydratedFrom.id)).orderBy(asc(creativeArtifacts.name))).map((a) => ({
        name: a.name,
        storageKey: a.storageKey,
        madeInVersionId: a.reusedFromVersionId ?? a.versionId,
      }))
    : [];
  const needed = stagesNeeded(plan);
  const stages: StageRecord[] = STAGES.filter((st) => !needed.has(st)).map((stage) => ({ stage, status: "skipped" }));
  const startedAt = v.startedAt ?? new Date();
  await db
    .update(creativeVersions)
    .set({ status: "RUNNING", startedAt, plan, hydratedFromVersionId: hydratedFrom?.id ?? null, stages })
    .where(eq(creativeVersions.id, v.id));
  return {
    finished: false,
    version: v.version,
    brandName: s.brandName,
    brandUrl: s.brandUrl,
    feedback: v.feedback,
    plan,
    hydratedFrom,
    reused,
    startedAtMs: startedAt.getTime(),
  };
}
