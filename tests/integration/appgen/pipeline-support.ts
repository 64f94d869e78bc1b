import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { InngestTestEngine } from "@inngest/test";
import type { Context, InngestFunction } from "inngest";
import { eq } from "drizzle-orm";
import { vi } from "vitest";
import { cleanUpAppgenJob } from "@/inngest/functions/appgen/clean-up-appgen-job";
import { finishAppgenJob } from "@/inngest/functions/appgen/finish-appgen-job";
import { generateAppgenPage } from "@/inngest/functions/appgen/generate-appgen-page";
import { integrateAppgenJob } from "@/inngest/functions/appgen/integrate-appgen-job";
import { packageAppgenJob } from "@/inngest/functions/appgen/package-appgen-job";
import { startAppgenJob } from "@/inngest/functions/appgen/start-appgen-job";
import { validateAppgenJob } from "@/inngest/functions/appgen/validate-appgen-job";
import { generationSpec, type GenerationSpec } from "@/server/appgen/spec";
import type { Db } from "@/server/db";
import { appGenerationJobs, appGenerationLogs, appGenerationTasks } from "@/server/db/schema/appgen";
import { planLocalTemplate, prepareLocalTemplate } from "@/server/sandbox/local/prepare-template";
import { readTemplateSource } from "@/server/sandbox/template-source";
import { findTemplate } from "@/server/sandbox/templates";
import { testCtx, type World } from "../campaigns/support";

export const tempRoot = () => mkdtemp(path.join(tmpdir(), "appgen-pipeline-"));
export const removeRoot = (root: string) => rm(root, { recursive: true, force: true });
export const liveSandboxes = async (dir: string) => (await readdir(dir).catch(() => [] as string[])).filter((n) => n.startsWith("aigency-sandbox-") && !n.includes(".deleting"));

/**
 * The app-starter template as the snapshot builder prepares it, but with only yazl baked in: the
 * pipeline tests' apps build with a tiny node check, so copying Next.js into every job would only be slow.
 * The E2E test runs the real template and the real `next build`.
 */
export async function prepareLightStarter(templatesDir: string): Promise<void> {
  const source = await readTemplateSource(findTemplate("app-starter"));
  const light = { ...source, dependencies: { yazl: source.dependencies.yazl! } };
  await prepareLocalTemplate(planLocalTemplate(light), { root: templatesDir });
}

export function specOf(pages: { pageId: string; route: string; name: string }[]): GenerationSpec {
  return generationSpec.parse({
    projectId: "p",
    brief: { title: "Corner Bakery", details: "Bread and cakes" },
    style: { name: "warm", palette: ["#aa3300"] },
    pages: pages.map((p) => ({ ...p, selectedPreviewHtml: `<!doctype html><html><body><h1>${p.name}</h1></body></html>` })),
  });
}

export interface SeededJob {
  organizationId: string;
  ownerId: string;
  projectId: string;
  jobId: string;
}

/** A job admission has started: running, with its 45-minute deadline (or the one given). */
export async function seedRunningJob(db: Db, world: World, spec: GenerationSpec, opts: { deadlineAt?: Date } = {}): Promise<SeededJob> {
  const now = new Date();
  const [job] = await db
    .insert(appGenerationJobs)
    .values({
      organizationId: world.organizationId,
      ownerId: world.owner.userId,
      projectId: world.projectId,
      spec: { ...spec, projectId: world.projectId },
      status: "running",
      stage: "prepare",
      startedAt: now,
      deadlineAt: opts.deadlineAt ?? new Date(now.getTime() + 45 * 60_000),
    })
    .returning();
  return { organizationId: world.organizationId, ownerId: world.owner.userId, projectId: world.projectId, jobId: job!.id };
}

export interface SentEvent {
  name: string;
  data: Record<string, unknown>;
  id?: string;
}

/** One function run through @inngest/test; what it sent comes back flattened. */
export async function runFn(fn: InngestFunction.Any, event: SentEvent, opts: { attempt?: number } = {}) {
  const ctx = testCtx();
  const transformCtx = (raw: Context.Any) => {
    const base = ctx.transformCtx(raw);
    // The deadline watchdog's sleep ends at once: the test plays the clock reaching the deadline.
    const step = { ...base.step, sleepUntil: vi.fn(async () => undefined) };
    return { ...base, step, ...(opts.attempt === undefined ? {} : { attempt: opts.attempt }) } as Context.Any;
  };
  const out = await new InngestTestEngine({ function: fn, events: [event as never], transformCtx }).execute();
  const sent = ctx.sent.flatMap((s) => (Array.isArray(s.payload) ? s.payload : [s.payload])) as SentEvent[];
  return { result: out.result as Record<string, unknown> | undefined, error: out.error, sent, stepIds: ctx.sent.map((s) => s.id), state: out.state };
}

const NEXT: Record<string, InngestFunction.Any[]> = {
  "appgen/job.started": [startAppgenJob],
  "appgen/page.requested": [generateAppgenPage],
  "appgen/page.generated": [integrateAppgenJob],
  "appgen/integration.completed": [validateAppgenJob],
  "appgen/validation.completed": [packageAppgenJob],
  "appgen/artifact.zipped": [finishAppgenJob],
  "appgen/job.failed": [cleanUpAppgenJob],
};

/** Plays the engine: runs each event's function and then what that sent, until nothing is left. */
export async function runPipeline(job: SeededJob, opts: { before?: (event: SentEvent) => Promise<void> } = {}) {
  const queue: SentEvent[] = [{ name: "appgen/job.started", data: { ...job } }];
  const seen: SentEvent[] = [];
  const outputs: unknown[] = [];
  while (queue.length > 0) {
    const event = queue.shift()!;
    seen.push(event);
    await opts.before?.(event);
    for (const fn of NEXT[event.name] ?? []) {
      const run = await runFn(fn, event);
      if (run.error) throw new Error(`${fn.id()} failed: ${JSON.stringify(run.error)}`);
      outputs.push(run.result, run.state);
      queue.push(...run.sent);
    }
  }
  return { events: seen, outputs };
}

export async function jobRow(db: Db, jobId: string) {
  const [row] = await db.select().from(appGenerationJobs).where(eq(appGenerationJobs.id, jobId));
  return row!;
}

export const tasksOf = (db: Db, jobId: string) => db.select().from(appGenerationTasks).where(eq(appGenerationTasks.jobId, jobId));
export const logsOf = (db: Db, jobId: string) => db.select().from(appGenerationLogs).where(eq(appGenerationLogs.jobId, jobId));
