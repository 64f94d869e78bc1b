import { rm } from "node:fs/promises";
import path from "node:path";
import { desc, eq } from "drizzle-orm";
import type { Db } from "@/server/db";
import { sandboxTemplateRefreshes } from "@/server/db/schema";
import { buildSandboxSnapshot, daytonaFor, readSources, sandboxKind, type SnapshotBuildInput } from "./build-snapshot";
import { checkDaytonaSnapshot } from "./daytona/build";
import { checkLocalTemplates } from "./local/build";
import { planLocalTemplate } from "./local/prepare-template";
import { findActiveSnapshot } from "./snapshots";
import { findTemplate, localTemplatesRoot, READY_MARKER, SANDBOX_TEMPLATES } from "./templates";

/**
 * One refresh of one template: the snapshot is (re)built if its recipe changed, then this template is
 * checked in the ACTIVE snapshot as a sandbox would see it. Throws on any failure so the engine retries;
 * a broken local template loses its ready marker first, so the retry prepares it again.
 */
export async function refreshTemplate(input: SnapshotBuildInput & { template: string }): Promise<{ snapshot: string; built: boolean }> {
  const config = findTemplate(input.template, input.templates ?? SANDBOX_TEMPLATES);
  const outcome = await buildSandboxSnapshot(input);
  if (outcome.status === "failed") throw new Error(outcome.error);
  if (outcome.status === "active") return { snapshot: outcome.name, built: true };

  const [source] = await readSources({ templates: [config], appRoot: input.appRoot });
  const kind = sandboxKind(input.env);
  let verification;
  if (kind === "daytona") {
    verification = await checkDaytonaSnapshot(input.db, daytonaFor(input.env), outcome.name, [source!]);
  } else {
    const root = localTemplatesRoot(input.env, input.appRoot);
    verification = await checkLocalTemplates({ sources: [source!], root, runProbe: input.runProbe }, [planLocalTemplate(source!, input.appRoot)]);
    if (!verification.passed) await rm(path.join(root, config.name, READY_MARKER), { force: true });
  }
  if (!verification.passed) throw new Error(`Template ${config.name} in ${outcome.name}: ${verification.failures.join("; ")}`);
  const active = await findActiveSnapshot(input.db, kind);
  return { snapshot: active?.name ?? outcome.name, built: false };
}

export async function startRefreshAttempt(db: Db, input: { template: string; runId: string; attempt: number }): Promise<string> {
  const [row] = await db
    .insert(sandboxTemplateRefreshes)
    .values({ ...input, status: "running" })
    .returning({ id: sandboxTemplateRefreshes.id });
  return row!.id;
}

export async function finishRefreshAttempt(db: Db, id: string, input: { status: "succeeded" | "failed"; error?: string; durationMs: number }) {
  await db
    .update(sandboxTemplateRefreshes)
    .set({ status: input.status, error: input.error?.slice(0, 2000) ?? null, durationMs: input.durationMs })
    .where(eq(sandboxTemplateRefreshes.id, id));
}

export async function latestRefresh(db: Db, template: string) {
  const [row] = await db
    .select()
    .from(sandboxTemplateRefreshes)
    .where(eq(sandboxTemplateRefreshes.template, template))
    .orderBy(desc(sandboxTemplateRefreshes.createdAt))
    .limit(1);
  return row ?? null;
}
