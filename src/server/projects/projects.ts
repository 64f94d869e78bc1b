import { and, desc, eq } from "drizzle-orm";
import type { Db } from "@/server/db";
import { projects } from "@/server/db/schema";

export type Project = typeof projects.$inferSelect;

export interface CreateProjectInput {
  organizationId: string;
  createdById: string;
  name: string;
  websiteUrl?: string | null;
}

export async function createProject(db: Db, input: CreateProjectInput): Promise<Project> {
  const [row] = await db
    .insert(projects)
    .values({
      organizationId: input.organizationId,
      createdById: input.createdById,
      name: input.name,
      websiteUrl: input.websiteUrl ?? null,
    })
    .returning();
  if (!row) throw new Error("project insert returned no row");
  return row;
}

/** Newest first; only the organization's own projects. */
export function listProjects(db: Db, organizationId: string): Promise<Project[]> {
  return db
    .select()
    .from(projects)
    .where(eq(projects.organizationId, organizationId))
    .orderBy(desc(projects.createdAt));
}

/** Null for a missing id and for another organization's project alike, so callers answer 404 for both. */
export async function getProject(db: Db, organizationId: string, projectId: string): Promise<Project | null> {
  const [row] = await db
    .select()
    .from(projects)
    .where(and(eq(projects.id, projectId), eq(projects.organizationId, organizationId)))
    .limit(1);
  return row ?? null;
}
