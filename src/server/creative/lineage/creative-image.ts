import { and, eq } from "drizzle-orm";
import type { Db } from "@/server/db";
import { creativeArtifacts } from "@/server/db/schema";
import type { StorageService } from "@/server/services/storage/types";

/**
 * The stored bytes of a creative-studio image for an ad, only from the ad's own organization. Null
 * when the artifact is gone (its session deleted): the deploy then renders its own image rather
 * than stopping a campaign the owner already approved.
 */
export async function loadCreativeImage(db: Db, storage: StorageService, o: { organizationId: string; artifactId: string }): Promise<Buffer | null> {
  const [row] = await db
    .select({ storageKey: creativeArtifacts.storageKey })
    .from(creativeArtifacts)
    .where(and(eq(creativeArtifacts.id, o.artifactId), eq(creativeArtifacts.organizationId, o.organizationId), eq(creativeArtifacts.kind, "IMAGE")));
  return row ? storage.get(row.storageKey) : null;
}
