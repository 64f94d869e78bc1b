import { and, eq } from "drizzle-orm";
import type { Db } from "@/server/db";
import { creativeSessions, creativeVersions, projects } from "@/server/db/schema";
import type { QuickChoice } from "./regeneration";

export interface CreatedVersion {
  sessionId: string;
  versionId: string;
  version: number;
}

/** The session and its version 1 (QUEUED) in one transaction; null when the project is not the org's. */
export async function createCreativeSession(
  db: Db,
  input: { organizationId: string; userId: string; projectId: string; brandName: string; brandUrl: string },
): Promise<CreatedVersion | null> {
  return db.transaction(async (tx) => {
    const [project] = await tx
      .select({ id: projects.id })
      .from(projects)
      .where(and(eq(projects.id, input.projectId), eq(projects.organizationId, input.organizationId)));
    if (!project) return null;
    const [session] = await tx
      .insert(creativeSessions)
      .values({
        organizationId: input.organizationId,
        projectId: input.projectId,
        createdByUserId: input.userId,
        brandName: input.brandName,
        brandUrl: input.brandUrl,
        nextVersion: 2,
      })
      .returning({ id: creativeSessions.id });
    const [version] = await tx
      .insert(creativeVersions)
      .values({ organizationId: input.organizationId, sessionId: session!.id, version: 1 })
      .returning({ id: creativeVersions.id });
    return { sessionId: session!.id, versionId: version!.id, version: 1 };
  });
}

const MAX_CLAIM_ATTEMPTS = 20;

/**
 * The session's next version (QUEUED), numbered by a compare-and-set on `nextVersion`: of two racing
 * resumes one claims n and the other, seeing the number moved, tries again and gets n+1. The claim and
 * the insert share a transaction, so a number is never claimed without its row. Null: no such session
 * in this organization.
 */
export async function addCreativeVersion(
  db: Db,
  input: { organizationId: string; sessionId: string; feedback: string; quickChoice: QuickChoice | null },
): Promise<CreatedVersion | null> {
  for (let attempt = 0; attempt < MAX_CLAIM_ATTEMPTS; attempt++) {
    const outcome = await db.transaction(async (tx) => {
      const [session] = await tx
        .select({ nextVersion: creativeSessions.nextVersion })
        .from(creativeSessions)
        .where(and(eq(creativeSessions.id, input.sessionId), eq(creativeSessions.organizationId, input.organizationId)));
      if (!session) return { missing: true as const };
      const version = session.nextVersion;
      const claimed = await tx
        .update(creativeSessions)
        .set({ nextVersion: version + 1, updatedAt: new Date() })
        .where(and(eq(creativeSessions.id, input.sessionId), eq(creativeSessions.nextVersion, version)))
        .returning({ id: creativeSessions.id });
      if (claimed.length === 0) return { lost: true as const };
      const [row] = await tx
        .insert(creativeVersions)
        .values({ organizationId: input.organizationId, sessionId: input.sessionId, version, feedback: input.feedback, quickChoice: input.quickChoice })
        .returning({ id: creativeVersions.id });
      return { created: { sessionId: input.sessionId, versionId: row!.id, version } };
    });
    if ("missing" in outcome) return null;
    if ("created" in outcome && outcome.created) return outcome.created;
  }
  throw new Error(`Could not claim a version number for session ${input.sessionId} after ${MAX_CLAIM_ATTEMPTS} attempts`);
}

/** The session's id if it is this organization's, else null. */
export async function findCreativeSession(db: Db, input: { organizationId: string; sessionId: string }): Promise<{ id: string } | null> {
  const [row] = await db
    .select({ id: creativeSessions.id })
    .from(creativeSessions)
    .where(and(eq(creativeSessions.id, input.sessionId), eq(creativeSessions.organizationId, input.organizationId)));
  return row ?? null;
}
