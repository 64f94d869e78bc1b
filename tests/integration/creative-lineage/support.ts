import { InngestTestEngine } from "@inngest/test";
import { eq } from "drizzle-orm";
import { onboardingBriefExtracted } from "@/inngest/events";
import { generateCampaignPlan } from "@/inngest/functions/campaign/generate-campaign-plan";
import type { Db } from "@/server/db";
import { campaignRecords, creativeArtifacts, creativeHooks, creativeSessions, creativeVersions } from "@/server/db/schema";
import type { StorageService } from "@/server/services/storage/types";
import { testCtx, type World } from "../campaigns/support";

/** The real planner on the world's brief (deps already set); the plan record it saved. */
export async function planFor(db: Db, w: World) {
  await new InngestTestEngine({
    function: generateCampaignPlan,
    events: [onboardingBriefExtracted.create({ organizationId: w.organizationId, projectId: w.projectId, briefId: w.briefId, briefVersion: 1, userId: w.owner.userId }) as never],
    transformCtx: testCtx().transformCtx,
  }).execute();
  const [record] = await db.select().from(campaignRecords).where(eq(campaignRecords.projectId, w.projectId));
  return record!;
}

/** Distinct, valid PNG-looking bytes per hook, so a test can tell which image Facebook received. */
export const hookImageBytes = (versionId: string, n: number) => Buffer.from(`\x89PNG studio ${versionId} hook ${n}`);

/**
 * A project's finished creative version with `hooks.length` hooks, each with its stored 1200×628
 * image, as the creative flow leaves them (rows and storage objects).
 */
export async function seedFinishedVersion(
  db: Db,
  storage: StorageService,
  o: { organizationId: string; projectId: string; hooks: { headline: string; primaryText: string }[]; version?: number; finishedAt?: Date },
) {
  const [session] = await db
    .insert(creativeSessions)
    .values({ organizationId: o.organizationId, projectId: o.projectId, brandName: "Bloom", brandUrl: "https://bloom.example", nextVersion: (o.version ?? 1) + 1 })
    .returning();
  const [version] = await db
    .insert(creativeVersions)
    .values({ organizationId: o.organizationId, sessionId: session!.id, version: o.version ?? 1, status: "COMPLETED", finishedAt: o.finishedAt ?? new Date() })
    .returning();
  const hookIds: string[] = [];
  const imageIds: string[] = [];
  for (const [i, h] of o.hooks.entries()) {
    const number = i + 1;
    const [hook] = await db
      .insert(creativeHooks)
      .values({ organizationId: o.organizationId, sessionId: session!.id, versionId: version!.id, number, angle: `angle ${number}`, trigger: "relief", ...h })
      .returning();
    const name = `images/hook-${number}-1200x628.png`;
    const storageKey = `artifacts/${session!.id}/v${version!.version}/${name}`;
    const bytes = hookImageBytes(version!.id, number);
    await storage.put(storageKey, bytes, "image/png");
    const [image] = await db
      .insert(creativeArtifacts)
      .values({ organizationId: o.organizationId, sessionId: session!.id, versionId: version!.id, kind: "IMAGE", name, storageKey, contentType: "image/png", bytes: bytes.length, hookNumber: number, width: 1200, height: 628 })
      .returning();
    hookIds.push(hook!.id);
    imageIds.push(image!.id);
  }
  return { sessionId: session!.id, versionId: version!.id, hookIds, imageIds };
}
