import { and, asc, eq, getTableColumns, gt, sql } from "drizzle-orm";
import type { Db } from "@/server/db";
import { appDesigns, appGenerationJobs, projects } from "@/server/db/schema";
import { JOBS_PER_OWNER_PER_DAY } from "./limits";
import { lockOwner } from "./owner-lock";
import { SPEC_MAX_BYTES, type GenerationSpec } from "./spec";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The request body's cap (413 beyond it). Twice the spec's own 1.5 MB leaves room for pretty-printed
 * JSON; the spec's size proper is checked on the parsed spec (400 naming `pages`).
 */
export const JOB_BODY_MAX_BYTES = 2 * SPEC_MAX_BYTES;

export type CreateJobOutcome =
  | { ok: true; jobId: string }
  | { ok: false; reason: "project-not-found" }
  | { ok: false; reason: "design-not-found" }
  | { ok: false; reason: "daily-cap"; nextSlotAt: Date };

/**
 * Accepts a generation job (status queued) for the owner, or says why not. The daily cap is counted
 * and the job inserted under the owner's lock in one transaction: of racing submits with 4 jobs in the
 * last 24 hours exactly one gets the 5th place. The spec is stored as parsed (trimmed, defaults in).
 */
export async function createAppJob(
  db: Db,
  input: { organizationId: string; ownerId: string; spec: GenerationSpec; now?: Date },
): Promise<CreateJobOutcome> {
  const now = input.now ?? new Date();
  const { spec } = input;
  return db.transaction(async (tx) => {
    const [project] = await tx
      .select({ id: projects.id })
      .from(projects)
      .where(and(eq(projects.id, spec.projectId), eq(projects.organizationId, input.organizationId)));
    if (!project) return { ok: false, reason: "project-not-found" } as const;
    if (spec.designId) {
      const [design] = await tx
        .select({ id: appDesigns.id })
        .from(appDesigns)
        .where(and(eq(appDesigns.id, spec.designId), eq(appDesigns.ownerId, input.ownerId), eq(appDesigns.organizationId, input.organizationId), eq(appDesigns.projectId, spec.projectId)));
      if (!design) return { ok: false, reason: "design-not-found" } as const;
    }

    await lockOwner(tx, input.ownerId);
    const windowStart = new Date(now.getTime() - DAY_MS);
    const recent = await tx
      .select({ createdAt: appGenerationJobs.createdAt })
      .from(appGenerationJobs)
      .where(and(eq(appGenerationJobs.ownerId, input.ownerId), gt(appGenerationJobs.createdAt, windowStart)))
      .orderBy(asc(appGenerationJobs.createdAt));
    if (recent.length >= JOBS_PER_OWNER_PER_DAY) {
      // The window rolls: a place opens when the oldest of the counted jobs turns 24 hours old.
      const oldestCounted = recent[recent.length - JOBS_PER_OWNER_PER_DAY]!.createdAt;
      return { ok: false, reason: "daily-cap", nextSlotAt: new Date(oldestCounted.getTime() + DAY_MS) } as const;
    }

    const [job] = await tx
      .insert(appGenerationJobs)
      .values({
        organizationId: input.organizationId,
        ownerId: input.ownerId,
        projectId: spec.projectId,
        designId: spec.designId ?? null,
        spec,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: appGenerationJobs.id });
    return { ok: true, jobId: job!.id } as const;
  });
}

/** The daily-cap refusal in words: how many, and when the next one can start. */
export function dailyCapMessage(nextSlotAt: Date, now = new Date()): string {
  const minutes = Math.max(1, Math.ceil((nextSlotAt.getTime() - now.getTime()) / 60_000));
  const wait = minutes >= 90 ? `about ${Math.round(minutes / 60)} hours` : `${minutes} minute${minutes === 1 ? "" : "s"}`;
  return `You have started ${JOBS_PER_OWNER_PER_DAY} app generations in the last 24 hours, the most allowed. The next one can start at ${nextSlotAt.toISOString()} (in ${wait}).`;
}

/** What the view shows of each page; the preview HTML stays in the database. */
export interface JobPageSummary {
  pageId: string;
  name: string;
  route: string;
}

// Every column but the spec (up to 1.5 MB, and polled every few seconds by the progress page).
const { spec: _spec, ...jobColumns } = getTableColumns(appGenerationJobs);
const pageSummaries = sql<JobPageSummary[]>`coalesce((
  select jsonb_agg(jsonb_build_object('pageId', p->>'pageId', 'name', p->>'name', 'route', p->>'route') order by n)
  from jsonb_array_elements(${appGenerationJobs.spec}->'pages') with ordinality as e(p, n)
), '[]'::jsonb)`;

/** The owner's job (without its spec, with its pages' names and routes), or null: another user's job, same organization or not, is not found. */
export async function findOwnedJob(db: Db, viewer: { userId: string; organizationId: string }, jobId: string) {
  const [job] = await db
    .select({ ...jobColumns, pages: pageSummaries })
    .from(appGenerationJobs)
    .where(and(eq(appGenerationJobs.id, jobId), eq(appGenerationJobs.ownerId, viewer.userId), eq(appGenerationJobs.organizationId, viewer.organizationId)));
  return job ?? null;
}

export type AppJobRow = NonNullable<Awaited<ReturnType<typeof findOwnedJob>>>;
