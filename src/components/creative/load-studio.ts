import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { hookPerformance, type HookPerformance } from "@/server/creative/lineage/hook-performance";
import { loadCreativeSession } from "@/server/creative/view";
import type { Db } from "@/server/db";
import { creativeArtifacts, creativeHooks, creativeSessions, creativeVersions } from "@/server/db/schema";
import type { StorageService } from "@/server/services/storage/types";

// Long enough to look at the page, short enough that a copied link soon stops working.
const IMAGE_LINK_SECONDS = 60 * 60;

export interface StudioHook {
  number: number;
  angle: string;
  trigger: string;
  headline: string;
  primaryText: string;
  reusedFromVersion: number | null;
  images: { width: number; height: number; url: string }[];
}

export type StudioSession = NonNullable<Awaited<ReturnType<typeof loadCreativeSession>>>;

export interface StudioPage extends StudioSession {
  /** The version whose hooks and images are shown: the newest finished one. */
  shown: { versionId: string; version: number; hooks: StudioHook[] } | null;
  lineage: HookPerformance[];
}

/** Everything the session page shows, for members of its organization; null for anyone else's session. */
export async function loadStudioPage(db: Db, storage: StorageService, o: { organizationId: string; sessionId: string }): Promise<StudioPage | null> {
  const loaded = await loadCreativeSession(db, o);
  if (!loaded) return null;
  const finished = loaded.versions.filter((v) => v.status === "COMPLETED").at(-1);
  const numbers = new Map(loaded.versions.map((v) => [v.id, v.version]));
  return {
    ...loaded,
    shown: finished ? { versionId: finished.id, version: finished.version, hooks: await hooksOf(db, storage, { versionId: finished.id, numbers }) } : null,
    lineage: await hookPerformance(db, o),
  };
}

async function hooksOf(db: Db, storage: StorageService, o: { versionId: string; numbers: Map<string, number> }): Promise<StudioHook[]> {
  const hooks = await db.select().from(creativeHooks).where(eq(creativeHooks.versionId, o.versionId)).orderBy(asc(creativeHooks.number));
  const images = await db
    .select()
    .from(creativeArtifacts)
    .where(and(eq(creativeArtifacts.versionId, o.versionId), eq(creativeArtifacts.kind, "IMAGE")))
    .orderBy(desc(creativeArtifacts.width));
  return Promise.all(
    hooks.map(async (h) => ({
      number: h.number,
      angle: h.angle,
      trigger: h.trigger,
      headline: h.headline,
      primaryText: h.primaryText,
      reusedFromVersion: h.reusedFromVersionId ? (o.numbers.get(h.reusedFromVersionId) ?? null) : null,
      images: await Promise.all(
        images
          .filter((i) => i.hookNumber === h.number && i.width && i.height)
          .map(async (i) => ({ width: i.width!, height: i.height!, url: await storage.signedUrl(i.storageKey, IMAGE_LINK_SECONDS) })),
      ),
    })),
  );
}

/** The project's sessions, newest first, each with its latest version's status. */
export async function listStudioSessions(db: Db, o: { organizationId: string; projectId: string }) {
  const sessions = await db
    .select()
    .from(creativeSessions)
    .where(and(eq(creativeSessions.organizationId, o.organizationId), eq(creativeSessions.projectId, o.projectId)))
    .orderBy(desc(creativeSessions.createdAt));
  if (sessions.length === 0) return [];
  const versions = await db
    .select({ sessionId: creativeVersions.sessionId, version: creativeVersions.version, status: creativeVersions.status })
    .from(creativeVersions)
    .where(inArray(creativeVersions.sessionId, sessions.map((s) => s.id)))
    .orderBy(desc(creativeVersions.version));
  return sessions.map((s) => ({ id: s.id, brandName: s.brandName, brandUrl: s.brandUrl, createdAt: s.createdAt, latest: versions.find((v) => v.sessionId === s.id) ?? null }));
}
