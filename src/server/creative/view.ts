import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/server/db";
import { creativeArtifacts, creativeSessions, creativeVersions } from "@/server/db/schema";
import type { StorageService } from "@/server/services/storage/types";

const SIGNED_URL_SECONDS = 3600;
const MICROS_PER_DOLLAR = 1_000_000;

type VersionRow = typeof creativeVersions.$inferSelect;
type ArtifactRow = typeof creativeArtifacts.$inferSelect;

function artifactSummary(a: ArtifactRow) {
  return { id: a.id, kind: a.kind, name: a.name, contentType: a.contentType, bytes: a.bytes, hookNumber: a.hookNumber, reusedFromVersionId: a.reusedFromVersionId };
}

function versionView(v: VersionRow, artifacts: ArtifactRow[]) {
  return {
    id: v.id,
    version: v.version,
    status: v.status,
    feedback: v.feedback,
    quickChoice: v.quickChoice,
    plan: v.plan,
    reusedFromVersionId: v.hydratedFromVersionId,
    stages: v.stages,
    generator: v.generator,
    cost: { inputTokens: v.inputTokens, outputTokens: v.outputTokens, sandboxSeconds: v.sandboxSeconds, dollars: v.costMicros / MICROS_PER_DOLLAR },
    durationMs: v.durationMs,
    error: v.error,
    startedAt: v.startedAt,
    finishedAt: v.finishedAt,
    artifactsUrl: `/api/creative/versions/${v.id}/artifacts`,
    artifacts: artifacts.filter((a) => a.versionId === v.id).map(artifactSummary),
  };
}

/** The session with every version, oldest first; null when it is not this organization's. */
export async function loadCreativeSession(db: Db, input: { organizationId: string; sessionId: string }) {
  const [session] = await db
    .select()
    .from(creativeSessions)
    .where(and(eq(creativeSessions.id, input.sessionId), eq(creativeSessions.organizationId, input.organizationId)));
  if (!session) return null;
  const versions = await db.select().from(creativeVersions).where(eq(creativeVersions.sessionId, session.id)).orderBy(asc(creativeVersions.version));
  const artifacts = await db.select().from(creativeArtifacts).where(eq(creativeArtifacts.sessionId, session.id)).orderBy(asc(creativeArtifacts.name));
  return {
    session: { id: session.id, projectId: session.projectId, brandName: session.brandName, brandUrl: session.brandUrl, createdAt: session.createdAt },
    versions: versions.map((v) => versionView(v, artifacts)),
  };
}

/** A version's artifacts, each with a one-hour signed storage URL; null when it is not this organization's. */
export async function listVersionArtifacts(deps: { db: Db; storage: StorageService }, input: { organizationId: string; versionId: string }) {
  const [version] = await deps.db
    .select({ id: creativeVersions.id, version: creativeVersions.version, sessionId: creativeVersions.sessionId })
    .from(creativeVersions)
    .where(and(eq(creativeVersions.id, input.versionId), eq(creativeVersions.organizationId, input.organizationId)));
  if (!version) return null;
  const rows = await deps.db.select().from(creativeArtifacts).where(eq(creativeArtifacts.versionId, version.id)).orderBy(asc(creativeArtifacts.name));
  const artifacts = await Promise.all(
    rows.map(async (a) => ({ ...artifactSummary(a), width: a.width, height: a.height, url: await deps.storage.signedUrl(a.storageKey, SIGNED_URL_SECONDS) })),
  );
  return { version, artifacts };
}
