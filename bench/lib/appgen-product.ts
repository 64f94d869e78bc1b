/**
 * The product's own functions served from the bench process (as core-loop-app does) with the app
 * generation pipeline's agent seam swapped: page agents that take a fixed time, then write the offline
 * model's real page. Import only after INNGEST_DEV and DATA_DIR are set (the client and env() read them).
 */
import http from "node:http";
import { eq } from "drizzle-orm";
import { serve } from "inngest/node";
import { inngest } from "../../inngest/client";
import { appJobRequested } from "../../inngest/events";
import { functions } from "../../inngest/functions";
import { createAppJob } from "../../src/server/appgen/jobs";
import { modelAgents, setPipelineAgents } from "../../src/server/appgen/pipeline/agents";
import { parseEnv } from "../../src/env";
import { openDb } from "../../src/server/db/client";
import { appGenerationJobs } from "../../src/server/db/schema";
import { setDeps } from "../../src/server/deps";
import { createServices } from "../../src/server/services";
import { benchSpec } from "./appgen-spec";
import { seedWorld } from "./core-loop-app";
import { listen } from "./environment";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startAppgenProduct(opts: { dataDir: string; pageAgentMs: number }) {
  const handle = await openDb({ dataDir: "memory://", migrate: true });
  const services = createServices({ env: parseEnv({ NODE_ENV: "development", DATA_DIR: opts.dataDir }), db: handle.db });
  setDeps({ db: handle.db, services });
  // The page agents are the faked part; the build is a quick node check, since this measures the page stage.
  setPipelineAgents({
    page: async (llm, input) => {
      await sleep(opts.pageAgentMs);
      return modelAgents.page(llm, input);
    },
    packageJson: (spec) => `${JSON.stringify({ ...JSON.parse(modelAgents.packageJson(spec)), scripts: { build: "node -e 0" } }, null, 2)}\n`,
  });
  const server = http.createServer(serve({ client: inngest, functions }));
  const port = await listen(server);
  const sync = await fetch(`http://127.0.0.1:${port}/api/inngest`, { method: "PUT" });
  if (!sync.ok) throw new Error(`product app sync failed: ${sync.status} ${await sync.text()}`);
  const world = await seedWorld(handle.db, 1);

  /** Submits a job and watches its stage column: when it entered "pages" and when it left it. */
  async function runJob(pages: number) {
    const spec = benchSpec(world.projectId, pages);
    const created = await createAppJob(handle.db, { organizationId: world.organizationId, ownerId: world.userId, spec });
    if (!created.ok) throw new Error(`job refused: ${created.reason}`);
    const { jobId } = created;
    await inngest.send(appJobRequested.create({ organizationId: world.organizationId, ownerId: world.userId, projectId: world.projectId, jobId }, { id: jobId }));
    let pagesAt: number | null = null;
    let leftPagesAt: number | null = null;
    const deadline = Date.now() + 10 * 60_000;
    for (;;) {
      const [job] = await handle.db.select({ stage: appGenerationJobs.stage, status: appGenerationJobs.status, error: appGenerationJobs.error }).from(appGenerationJobs).where(eq(appGenerationJobs.id, jobId));
      const now = Date.now();
      if (job?.stage === "pages" && pagesAt === null) pagesAt = now;
      if (pagesAt !== null && job?.stage !== "pages" && leftPagesAt === null) leftPagesAt = now;
      if (job && ["completed", "completed_with_warnings", "failed"].includes(job.status)) {
        if (job.status === "failed") throw new Error(`bench job failed: ${job.error}`);
        if (pagesAt === null || leftPagesAt === null) throw new Error("the page stage was never seen");
        return { pageStageMs: leftPagesAt - pagesAt, status: job.status };
      }
      if (now > deadline) throw new Error(`bench job did not finish: ${JSON.stringify(job)}`);
      await sleep(10);
    }
  }

  return {
    runJob,
    close: async () => {
      setPipelineAgents();
      setDeps();
      await new Promise((r) => server.close(r));
      await handle.close();
    },
  };
}
