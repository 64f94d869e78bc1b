import { asc, eq } from "drizzle-orm";
import type { Db } from "@/server/db";
import { appGenerationArtifacts, appGenerationTasks } from "@/server/db/schema";
import { queuePosition } from "./admission";
import type { AppJobRow } from "./jobs";
import { MAX_FIX_ROUNDS } from "./limits";
import type { AppJobView } from "./view";

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const oneOf = <T extends string>(value: string | null, allowed: readonly T[]): T | null => (allowed.includes(value as T) ? (value as T) : null);

/**
 * The owner's view of a job from its row, its task rows and its artifact row. Deliberately built
 * field by field: the spec's HTML (never even read here), the sandbox id and the storage key never leave the server.
 */
export async function buildJobView(db: Db, job: AppJobRow): Promise<AppJobView> {
  const tasks = await db.select().from(appGenerationTasks).where(eq(appGenerationTasks.jobId, job.id)).orderBy(asc(appGenerationTasks.createdAt), asc(appGenerationTasks.key));
  const [artifact] = await db.select().from(appGenerationArtifacts).where(eq(appGenerationArtifacts.jobId, job.id));
  const pageTask = new Map(tasks.filter((t) => t.kind === "page").map((t) => [t.pageId ?? t.key.replace(/^page:/, ""), t]));
  return {
    id: job.id,
    projectId: job.projectId,
    status: job.status,
    stage: job.stage,
    fixRound: job.fixRound,
    maxFixRounds: MAX_FIX_ROUNDS,
    warnings: job.warnings,
    error: job.error,
    generator: oneOf(job.generator, ["offline", "anthropic"] as const),
    sandboxKind: oneOf(job.sandboxKind, ["daytona", "local"] as const),
    pages: job.pages.map((page) => {
      const task = pageTask.get(page.pageId);
      return { pageId: page.pageId, name: page.name, route: page.route, status: task?.status ?? "pending", attempt: task?.attempt ?? 0, error: task?.error ?? null };
    }),
    tasks: tasks.map((t) => ({ key: t.key, kind: t.kind, status: t.status, round: t.round, durationMs: t.durationMs, error: t.error })),
    queuePosition: await queuePosition(db, job),
    createdAt: job.createdAt.toISOString(),
    startedAt: iso(job.startedAt),
    deadlineAt: iso(job.deadlineAt),
    finishedAt: iso(job.finishedAt),
    artifact: artifact ? { sizeBytes: artifact.sizeBytes, checksum: artifact.checksum, available: artifact.removedAt === null } : null,
  };
}
