import { count, eq } from "drizzle-orm";
import type { Db } from "@/server/db";
import { agentArtifacts, agentJobs } from "@/server/db/schema/agent-tasks";
import type { ArtifactDraft } from "./agents/types";
import { redactDeep } from "./logs";

export type StoreArtifactsOutcome = { stored: true; artifacts: number } | { stored: false; reason: "not-running" };

/**
 * Keeps what a run made, once: (jobId, name) is unique, so a retried step adds nothing twice. Only
 * a RUNNING job takes artifacts: a job cancelled while its agent ran keeps nothing made after.
 */
export async function storeArtifacts(db: Db, input: { organizationId: string; jobId: string; artifacts: ArtifactDraft[] }): Promise<StoreArtifactsOutcome> {
  return db.transaction(async (tx) => {
    const [job] = await tx.select({ status: agentJobs.status }).from(agentJobs).where(eq(agentJobs.id, input.jobId)).for("update");
    if (!job || job.status !== "RUNNING") return { stored: false, reason: "not-running" } as const;
    if (input.artifacts.length > 0) {
      const rows = input.artifacts.map((a) => ({
        organizationId: input.organizationId,
        jobId: input.jobId,
        type: a.type,
        name: a.name,
        content: a.content,
        filePath: a.filePath ?? null,
        diffPatch: a.diffPatch ?? null,
        metadata: (redactDeep(a.metadata ?? {}) as Record<string, unknown>) ?? {},
      }));
      await tx.insert(agentArtifacts).values(rows).onConflictDoNothing({ target: [agentArtifacts.jobId, agentArtifacts.name] });
    }
    const [total] = await tx.select({ n: count() }).from(agentArtifacts).where(eq(agentArtifacts.jobId, input.jobId));
    return { stored: true, artifacts: total?.n ?? 0 } as const;
  });
}
