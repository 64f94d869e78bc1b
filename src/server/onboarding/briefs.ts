import { and, desc, eq, max } from "drizzle-orm";
import type { Db } from "@/server/db";
import { artifacts, projectBriefs } from "@/server/db/schema";
import { briefFieldsSchema, type BriefFields } from "./brief-schema";

export type ProjectBrief = typeof projectBriefs.$inferSelect;

/** The current brief of a project: its highest version, or null before onboarding finished. */
export async function getLatestBrief(
  db: Db,
  opts: { organizationId: string; projectId: string },
): Promise<ProjectBrief | null> {
  const [row] = await db
    .select()
    .from(projectBriefs)
    .where(and(eq(projectBriefs.organizationId, opts.organizationId), eq(projectBriefs.projectId, opts.projectId)))
    .orderBy(desc(projectBriefs.version))
    .limit(1);
  return row ?? null;
}

export async function getBriefById(db: Db, opts: { organizationId: string; briefId: string }) {
  const [row] = await db
    .select()
    .from(projectBriefs)
    .where(and(eq(projectBriefs.organizationId, opts.organizationId), eq(projectBriefs.id, opts.briefId)));
  return row ?? null;
}

export function briefFieldsOf(brief: ProjectBrief): BriefFields {
  return briefFieldsSchema.parse(brief);
}

type Executor = Pick<Db, "select" | "insert">;

export interface SaveBriefInput {
  organizationId: string;
  projectId: string;
  fields: BriefFields;
  confirmedBy: string;
  conversationId?: string | null;
}

/**
 * Inserts version n+1 and its BRIEF artifact with the given executor (call it inside a
 * transaction). Two concurrent saves collide on unique(projectId, version); the loser rolls back.
 */
export async function insertBriefVersion(tx: Executor, opts: SaveBriefInput): Promise<ProjectBrief> {
  const fields = briefFieldsSchema.parse(opts.fields);
  const [current] = await tx
    .select({ version: max(projectBriefs.version) })
    .from(projectBriefs)
    .where(eq(projectBriefs.projectId, opts.projectId));
  const version = (current?.version ?? 0) + 1;
  const [brief] = await tx
    .insert(projectBriefs)
    .values({
      ...fields,
      organizationId: opts.organizationId,
      projectId: opts.projectId,
      version,
      confirmedBy: opts.confirmedBy,
      conversationId: opts.conversationId ?? null,
    })
    .returning();
  if (!brief) throw new Error("Brief insert returned no row");
  await tx.insert(artifacts).values({
    organizationId: opts.organizationId,
    projectId: opts.projectId,
    conversationId: opts.conversationId ?? null,
    type: "BRIEF",
    title: `Brief v${version}`,
    content: { briefId: brief.id, version, ...fields },
  });
  return brief;
}

/** Saves version n+1 and its artifact: both or neither. */
export function saveBriefVersion(db: Db, opts: SaveBriefInput): Promise<ProjectBrief> {
  return db.transaction((tx) => insertBriefVersion(tx, opts));
}
