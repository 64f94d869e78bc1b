/**
 * The product's own functions served from the bench process (as appgen-product does) against the
 * real Dev Server, for the agent-task fairness bench: tasks are written as issue + PENDING job rows
 * and handed to the job function with `agents/job.requested` (classification is not what is measured).
 * `context.noopAgent` asks the job function for a no-op agent run (honoured with the offline model only). Import only after INNGEST_DEV and
 * DATA_DIR are set (the client and env() read them).
 */
import http from "node:http";
import { inArray } from "drizzle-orm";
import { serve } from "inngest/node";
import { inngest } from "../../inngest/client";
import { agentJobRequested } from "../../inngest/events";
import { functions } from "../../inngest/functions";
import { parseEnv } from "../../src/env";
import { openDb } from "../../src/server/db/client";
import { agentIssues, agentJobs } from "../../src/server/db/schema";
import { setDeps } from "../../src/server/deps";
import { createServices } from "../../src/server/services";
import { seedWorld } from "./core-loop-app";
import { listen } from "./environment";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
type BenchJob = { id: string; issueId: string; organizationId: string };
export interface TaskTiming { organizationId: string; submittedAt: number; startedAt: number; completedAt: number }

export async function startAgentTasksProduct(opts: { dataDir: string }) {
  const handle = await openDb({ dataDir: "memory://", migrate: true });
  const services = createServices({ env: parseEnv({ NODE_ENV: "development", DATA_DIR: opts.dataDir }), db: handle.db });
  setDeps({ db: handle.db, services });
  const server = http.createServer(serve({ client: inngest, functions }));
  const port = await listen(server);
  const sync = await fetch(`http://127.0.0.1:${port}/api/inngest`, { method: "PUT" });
  if (!sync.ok) throw new Error(`product app sync failed: ${sync.status} ${await sync.text()}`);
  const big = await seedWorld(handle.db, 1);
  const small = await seedWorld(handle.db, 2);

  /** Writes `count` tasks for an organization; returns the job ids, in order (sent later, together). */
  async function prepare(organizationId: string, count: number) {
    const issues = await handle.db
      .insert(agentIssues)
      .values(Array.from({ length: count }, (_, i) => ({ organizationId, title: `Bench no-op ${i}`, description: "no-op", type: "TASK" as const, context: { noopAgent: { holdMs: 0 } }, agentType: "analyst" as const, status: "QUEUED" as const })))
      .returning({ id: agentIssues.id });
    const jobs = await handle.db
      .insert(agentJobs)
      .values(issues.map((i) => ({ organizationId, issueId: i.id, agentType: "analyst" as const, model: "bench-noop" })))
      .returning({ id: agentJobs.id, issueId: agentJobs.issueId });
    return jobs.map((j) => ({ ...j, organizationId }));
  }

  /** Sends the jobs (in the given order, in batches of 100); when each was sent, by job id. */
  async function send(jobs: BenchJob[]): Promise<Map<string, number>> {
    const submitted = new Map<string, number>();
    for (let i = 0; i < jobs.length; i += 100) {
      const batch = jobs.slice(i, i + 100);
      const at = Date.now();
      await inngest.send(batch.map((j) => agentJobRequested.create({ organizationId: j.organizationId, issueId: j.issueId, jobId: j.id, agentType: "analyst", priority: "MEDIUM" }, { id: `bench-${j.id}` })));
      for (const j of batch) submitted.set(j.id, at);
    }
    return submitted;
  }

  /** Waits for every sent job to finish; the submit → RUNNING → COMPLETED times. */
  async function finish(jobs: BenchJob[], submitted: Map<string, number>): Promise<TaskTiming[]> {
    const deadline = Date.now() + 20 * 60_000;
    for (;;) {
      const rows = await handle.db.select().from(agentJobs).where(inArray(agentJobs.id, jobs.map((j) => j.id)));
      const failed = rows.find((r) => r.status === "FAILED" || r.status === "CANCELLED");
      if (failed) throw new Error(`bench job ${failed.id} ${failed.status}: ${failed.error}`);
      if (rows.every((r) => r.status === "COMPLETED" && r.startedAt && r.completedAt)) {
        return rows.map((r) => ({ organizationId: r.organizationId, submittedAt: submitted.get(r.id)!, startedAt: r.startedAt!.getTime(), completedAt: r.completedAt!.getTime() }));
      }
      if (Date.now() > deadline) throw new Error(`bench jobs did not finish: ${rows.filter((r) => r.status !== "COMPLETED").length} left`);
      await sleep(200);
    }
  }

  const run = async (jobs: BenchJob[]) => finish(jobs, await send(jobs));

  return {
    big: big.organizationId,
    small: small.organizationId,
    prepare,
    send,
    finish,
    run,
    close: async () => {
      setDeps();
      await new Promise((r) => server.close(r));
      await handle.close();
    },
  };
}
