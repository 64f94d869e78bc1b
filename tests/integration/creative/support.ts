import { InngestTestEngine } from "@inngest/test";
import { eq } from "drizzle-orm";
import { creativeGenerationRequested } from "@/inngest/events";
import { generateCreativeVersion } from "@/inngest/functions/creative/generate-creative-version";
import type { Db } from "@/server/db";
import { creativeVersions } from "@/server/db/schema";
import type { Deps } from "@/server/deps";
import { addCreativeVersion, createCreativeSession } from "@/server/creative/sessions";
import type { SandboxService, SandboxSessions } from "@/server/services/sandbox/types";
import { embeddedDeps, testCtx } from "../campaigns/support";

/** Embedded deps whose sandbox keeps sessions in `sessions` (the double, or a real implementation). */
export function depsWithSessions(db: Db, sessions: SandboxSessions, kind: SandboxService["kind"] = "local"): Deps {
  const sandbox: SandboxService = {
    kind,
    sessions,
    run: () => Promise.reject(new Error("creative versions use sandbox sessions, not run()")),
  };
  return embeddedDeps(db, { sandbox });
}

export interface SeededSession {
  organizationId: string;
  sessionId: string;
  versionId: string;
}

export async function seedSession(db: Db, world: { organizationId: string; projectId: string; owner: { userId: string } }, brandUrl = "https://bakery.example/"): Promise<SeededSession> {
  const created = await createCreativeSession(db, {
    organizationId: world.organizationId,
    userId: world.owner.userId,
    projectId: world.projectId,
    brandName: "Corner Bakery",
    brandUrl,
  });
  return { organizationId: world.organizationId, sessionId: created!.sessionId, versionId: created!.versionId };
}

export async function resume(db: Db, s: { organizationId: string; sessionId: string }, feedback: string, quickChoice: "hooks-only" | "visuals-only" | "start-fresh" | null = null) {
  const created = await addCreativeVersion(db, { organizationId: s.organizationId, sessionId: s.sessionId, feedback, quickChoice });
  return { organizationId: s.organizationId, sessionId: s.sessionId, versionId: created!.versionId };
}

/** Runs generate-creative-version for one version through @inngest/test, recording what it sent. */
export async function runVersion(v: SeededSession) {
  const ctx = testCtx();
  const out = await new InngestTestEngine({
    function: generateCreativeVersion,
    events: [creativeGenerationRequested.create({ organizationId: v.organizationId, sessionId: v.sessionId, versionId: v.versionId }, { id: v.versionId }) as never],
    transformCtx: ctx.transformCtx,
  }).execute();
  return { ...out, sent: ctx.sent, published: ctx.published };
}

export async function versionRow(db: Db, versionId: string) {
  const [row] = await db.select().from(creativeVersions).where(eq(creativeVersions.id, versionId));
  return row!;
}
