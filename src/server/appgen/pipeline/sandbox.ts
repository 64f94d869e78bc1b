import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { and, eq, isNotNull, isNull, sql } from "drizzle-orm";
import type { Db } from "@/server/db";
import { appGenerationJobs } from "@/server/db/schema/appgen";
import { recordJobCost } from "./job-cost";
import { SandboxTemplateMissingError, type SandboxService, type SandboxSessions } from "@/server/services/sandbox/types";
import { scaffoldFiles, specActions } from "../agents";
import { ENV_EXAMPLE, readme } from "../agents/site/readme";
import { APP_STARTER_TEMPLATE } from "../limits";
import type { GenerationSpec } from "../spec";

/** The in-sandbox scripts (plain ESM), uploaded into `.agent/bin/` when the job's sandbox is made. */
export const APPGEN_SCRIPTS_DIR = path.join(process.cwd(), "src", "sandbox-programs", "agents", "appgen");
/** The backstop: a sandbox nobody deleted goes after the job's 45 minutes and some slack. */
const SANDBOX_LIFETIME_MINUTES = 60;

const labelsFor = (jobId: string) => ({ appgenJobId: jobId });

/** A sandbox from the app-starter template, labelled with the job and recorded on its row. */
export async function createJobSandbox(deps: { db: Db; sandbox: SandboxService }, jobId: string) {
  // A retried step may have made one before failing: never leave that one beside the new one.
  await deleteJobSandboxes(deps.sandbox.sessions, jobId);
  try {
    const created = await deps.sandbox.sessions.create({ labels: labelsFor(jobId), template: APP_STARTER_TEMPLATE, maxLifetimeMinutes: SANDBOX_LIFETIME_MINUTES });
    // The first create starts the job's sandbox clock; a retried create keeps it (the earlier one ran too).
    await deps.db
      .update(appGenerationJobs)
      .set({ sandboxId: created.id, sandboxKind: deps.sandbox.kind, sandboxStartedAt: sql`coalesce(${appGenerationJobs.sandboxStartedAt}, now())` })
      .where(eq(appGenerationJobs.id, jobId));
    return { ok: true as const, id: created.id };
  } catch (error) {
    // Embedded mode before the first snapshot build: the run prepares the template, then asks again.
    if (SandboxTemplateMissingError.is(error)) return { ok: false as const, templateMissing: true as const, error: error.message };
    throw error;
  }
}

/** Every live sandbox labelled with this job: the handlers that never saw the run's ids find them so. */
export async function deleteJobSandboxes(sessions: SandboxSessions, jobId: string): Promise<string[]> {
  const ids = await sessions.findByLabels(labelsFor(jobId));
  for (const id of ids) await sessions.delete(id);
  return ids;
}

/**
 * The job is over: its sandboxes go, and the seconds from the first create to now are billed once. The stop
 * time is set compare-and-set in the transaction that writes the ledger row, so the finish and clean-up
 * functions (or a rerun of either) bill one row between them.
 */
export async function stopJobSandboxes(deps: { db: Db; sessions: SandboxSessions }, input: { jobId: string; runId: string }): Promise<string[]> {
  const deleted = await deleteJobSandboxes(deps.sessions, input.jobId);
  await deps.db.transaction(async (tx) => {
    const [job] = await tx
      .update(appGenerationJobs)
      .set({ sandboxStoppedAt: new Date() })
      .where(and(eq(appGenerationJobs.id, input.jobId), isNotNull(appGenerationJobs.sandboxStartedAt), isNull(appGenerationJobs.sandboxStoppedAt)))
      .returning();
    if (!job?.sandboxStartedAt || !job.sandboxStoppedAt) return;
    await recordJobCost(
      tx,
      { organizationId: job.organizationId, projectId: job.projectId, jobId: job.id, runId: input.runId },
      { what: "sandbox", seconds: (job.sandboxStoppedAt.getTime() - job.sandboxStartedAt.getTime()) / 1000, provider: job.sandboxKind ?? "sandbox" },
    );
  });
  return deleted;
}

/**
 * The normalized spec, the scripts, and the app's fixed files under `.agent/input/scaffold/` (package.json,
 * tsconfig, next.config, .gitignore, and a README and .env.example the integration agent may replace):
 * prepare.mjs copies the scaffold into `workspace/` over the template's starter files.
 */
export async function uploadJobInputs(sessions: SandboxSessions, input: { sandboxId: string; spec: GenerationSpec; packageJson: string }): Promise<{ files: number }> {
  const names = (await readdir(APPGEN_SCRIPTS_DIR)).filter((n) => n.endsWith(".mjs")).sort();
  const scripts = await Promise.all(names.map(async (n) => ({ path: `.agent/bin/${n}`, content: await readFile(path.join(APPGEN_SCRIPTS_DIR, n)) })));
  const scaffold = [
    ...scaffoldFiles(input.spec).filter((f) => f.path !== "package.json"),
    { path: "package.json", content: input.packageJson },
    { path: "README.md", content: readme(input.spec, specActions(input.spec)) },
    { path: ".env.example", content: ENV_EXAMPLE },
  ];
  const files = [
    ...scripts,
    { path: ".agent/input/spec.json", content: JSON.stringify(input.spec, null, 2) },
    ...scaffold.map((f) => ({ path: `.agent/input/scaffold/${f.path}`, content: f.content })),
  ];
  await sessions.upload(input.sandboxId, files);
  return { files: files.length };
}
