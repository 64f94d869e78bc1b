import { and, eq, inArray, ne, sql } from "drizzle-orm";
import type { Db } from "@/server/db";
import { appGenerationJobs, appGenerationTasks } from "@/server/db/schema/appgen";

type TaskKind = (typeof appGenerationTasks.$inferInsert)["kind"];
type TaskStatus = "pending" | "running" | "done" | "failed";

export const pageTaskKey = (pageId: string) => `page:${pageId}`;

/** One pending row per page; a retried prepare step finds them there and adds none. */
export async function createPageTasks(db: Db, input: { organizationId: string; jobId: string; pageIds: string[] }): Promise<void> {
  if (input.pageIds.length === 0) return;
  await db
    .insert(appGenerationTasks)
    .values(input.pageIds.map((pageId) => ({ organizationId: input.organizationId, jobId: input.jobId, key: pageTaskKey(pageId), kind: "page" as const, pageId })))
    .onConflictDoNothing();
}

export interface TaskRecord {
  organizationId: string;
  jobId: string;
  key: string;
  kind: TaskKind;
  status: TaskStatus;
  round?: number;
  pageId?: string | null;
  files?: string[];
  /** Already redacted by the caller. */
  error?: string | null;
  durationMs?: number | null;
}

/** Upserts by (jobId, key): a retried step updates its row instead of adding one. */
export async function recordTask(db: Db, t: TaskRecord, now = new Date()): Promise<void> {
  const finished = t.status === "done" || t.status === "failed";
  const values = {
    status: t.status,
    files: t.files ?? [],
    error: t.error ?? null,
    durationMs: t.durationMs ?? null,
    finishedAt: finished ? now : null,
  };
  await db
    .insert(appGenerationTasks)
    .values({ organizationId: t.organizationId, jobId: t.jobId, key: t.key, kind: t.kind, round: t.round ?? 0, pageId: t.pageId ?? null, startedAt: now, attempt: 1, ...values })
    .onConflictDoUpdate({
      target: [appGenerationTasks.jobId, appGenerationTasks.key],
      set: { ...values, attempt: sql`greatest(${appGenerationTasks.attempt}, 1)`, startedAt: sql`coalesce(${appGenerationTasks.startedAt}, ${now.toISOString()}::timestamptz)` },
    });
}

/**
 * The fan-in: pages → integration, only when no page task is left undone, in one statement. Two
 * page.generated runs that both see every page done race on the job row; the second finds the stage
 * already moved and gets false.
 */
export async function claimIntegration(db: Db, jobId: string): Promise<boolean> {
  const undone = db
    .select({ id: appGenerationTasks.id })
    .from(appGenerationTasks)
    .where(and(eq(appGenerationTasks.jobId, jobId), eq(appGenerationTasks.kind, "page"), ne(appGenerationTasks.status, "done")));
  const claimed = await db
    .update(appGenerationJobs)
    .set({ stage: "integration" })
    .where(and(eq(appGenerationJobs.id, jobId), eq(appGenerationJobs.stage, "pages"), inArray(appGenerationJobs.status, ["running", "fixing"]), sql`not exists (${undone})`))
    .returning({ id: appGenerationJobs.id });
  return claimed.length === 1;
}

/** What each page agent wrote, for the integration agent. */
export async function pageTaskFiles(db: Db, jobId: string): Promise<Record<string, string[]>> {
  const rows = await db
    .select({ pageId: appGenerationTasks.pageId, files: appGenerationTasks.files })
    .from(appGenerationTasks)
    .where(and(eq(appGenerationTasks.jobId, jobId), eq(appGenerationTasks.kind, "page")));
  return Object.fromEntries(rows.map((r) => [r.pageId ?? "", r.files]));
}

/** An agent task's attempt starting (1-based), or failing with its (redacted) reason: what the progress view shows. */
export async function markTaskAttempt(db: Db, input: { jobId: string; key: string; status: "running" | "failed"; attempt: number; error?: string | null }, now = new Date()) {
  await db
    .update(appGenerationTasks)
    .set({
      status: input.status,
      attempt: input.attempt,
      error: input.error ?? null,
      startedAt: sql`coalesce(${appGenerationTasks.startedAt}, ${now.toISOString()}::timestamptz)`,
      finishedAt: input.status === "failed" ? now : null,
    })
    .where(and(eq(appGenerationTasks.jobId, input.jobId), eq(appGenerationTasks.key, input.key)));
}
