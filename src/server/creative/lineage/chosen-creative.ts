import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/server/db";
import { creativeArtifacts, creativeHooks, creativeSessions, creativeVersions } from "@/server/db/schema";

export interface CreativeChoice {
  sessionId: string;
  versionId: string;
  version: number;
  hooks: { hookId: string; number: number; headline: string; primaryText: string; imageArtifactId: string | null; imagePrompt: string }[];
}

/** The feed image size a plan's ads use (Facebook's 1.91:1 link ad). */
export const FEED_IMAGE_SIZE = { width: 1200, height: 628 };

/**
 * The creative a project's next plan draws from: its most recently finished version (any session of
 * the project). A project without one plans with the model's own copy and generated images.
 */
export async function loadChosenCreative(db: Db, o: { organizationId: string; projectId: string }): Promise<CreativeChoice | null> {
  const [latest] = await db
    .select({ versionId: creativeVersions.id, sessionId: creativeVersions.sessionId, version: creativeVersions.version })
    .from(creativeVersions)
    .innerJoin(creativeSessions, eq(creativeSessions.id, creativeVersions.sessionId))
    .where(
      and(
        eq(creativeVersions.organizationId, o.organizationId),
        eq(creativeSessions.projectId, o.projectId),
        eq(creativeVersions.status, "COMPLETED"),
      ),
    )
    .orderBy(desc(creativeVersions.finishedAt), desc(creativeVersions.version))
    .limit(1);
  if (!latest) return null;
  return { ...latest, hooks: await hooksWithImages(db, { organizationId: o.organizationId, versionId: latest.versionId }) };
}

/** A version's hooks in order, each with its feed image (when the version has one) and the image's prompt. */
export async function hooksWithImages(db: Db, o: { organizationId: string; versionId: string }) {
  const hooks = await db
    .select()
    .from(creativeHooks)
    .where(and(eq(creativeHooks.organizationId, o.organizationId), eq(creativeHooks.versionId, o.versionId)))
    .orderBy(asc(creativeHooks.number));
  if (hooks.length === 0) return [];
  const images = await db
    .select({ id: creativeArtifacts.id, hookNumber: creativeArtifacts.hookNumber })
    .from(creativeArtifacts)
    .where(
      and(
        eq(creativeArtifacts.versionId, o.versionId),
        eq(creativeArtifacts.kind, "IMAGE"),
        eq(creativeArtifacts.width, FEED_IMAGE_SIZE.width),
        eq(creativeArtifacts.height, FEED_IMAGE_SIZE.height),
        inArray(
          creativeArtifacts.hookNumber,
          hooks.map((h) => h.number),
        ),
      ),
    );
  return hooks.map((h) => ({
    hookId: h.id,
    number: h.number,
    headline: h.headline,
    primaryText: h.primaryText,
    imageArtifactId: images.find((i) => i.hookNumber === h.number)?.id ?? null,
    imagePrompt: `${h.angle}: ${h.headline}`,
  }));
}
