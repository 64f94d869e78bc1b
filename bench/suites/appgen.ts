import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { generationSpec } from "../../src/server/appgen/spec";
import { planLocalTemplate, prepareLocalTemplate } from "../../src/server/sandbox/local/prepare-template";
import { readTemplateSource } from "../../src/server/sandbox/template-source";
import { findTemplate } from "../../src/server/sandbox/templates";
import { createLocalSandbox } from "../../src/server/services/sandbox/local-sandbox";
import { createLocalStorage } from "../../src/server/services/storage/local-storage";
import { signedInClient } from "../../tests/e2e/support/app-api";
import { E2E_NPM_CACHE_DIR } from "../../tests/e2e/support/npm-cache";
import { benchSpec } from "../lib/appgen-spec";
import type { BenchContext, BenchSuite } from "../lib/context";
import { startProductionApp } from "../lib/production-app";
import { round } from "../lib/stats";

const PAGES = 6;
const PAGE_MS = 2000;
const WORKSPACE_MB = 100;
// The default APPGEN_PAGE_PARALLELISM.
const PAGE_PARALLELISM = 4;

/**
 * The real pipeline (the product's functions served from this process, the real engine, the local
 * sandbox) with page agents faked at 2 s each: the time the job spends in its "pages" stage, from the
 * start function's fan-out to the fan-in's claim, against ceil(6/4) × 2 s.
 */
async function pageStage(ctx: BenchContext) {
  const dataDir = await mkdtemp(path.join(tmpdir(), "appgen-bench-data-"));
  // The product client and env() read these on first import, so set them before importing product code.
  process.env.INNGEST_DEV = ctx.devServer.url;
  process.env.DATA_DIR = dataDir;
  const { startAppgenProduct } = await import("../lib/appgen-product");
  const product = await startAppgenProduct({ dataDir, pageAgentMs: PAGE_MS });
  try {
    // Warm-up: the first job prepares the local app-starter template and pays the engine's first-request costs.
    await product.runJob(2);
    const measured = await product.runJob(PAGES);
    return { wallMs: measured.pageStageMs, idealMs: Math.ceil(PAGES / PAGE_PARALLELISM) * PAGE_MS };
  } finally {
    await product.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

interface JobView {
  status: string;
  error: string | null;
}

/** The production build with the real Dev Server: POST a 2-page job → completed → POST download answers a URL. */
async function submitToDownload(ctx: BenchContext) {
  const app = await startProductionApp(ctx.devServer.url, { APPGEN_NPM_CACHE_DIR: E2E_NPM_CACHE_DIR });
  try {
    await app.sync();
    const client = await signedInClient(app.url, "appgen-bench");
    const { body } = await client.request<{ project: { id: string } }>("POST", "/api/projects", { name: "Bench Bakery" });
    const once = async () => {
      const started = performance.now();
      const submitted = await client.request<{ jobId: string }>("POST", "/api/appgen/jobs", benchSpec(body.project.id, 2));
      if (submitted.status !== 202) throw new Error(`submit refused: ${JSON.stringify(submitted.body)}`);
      const deadline = Date.now() + 15 * 60_000;
      for (;;) {
        const res = await client.request<JobView>("GET", `/api/appgen/jobs/${submitted.body.jobId}`);
        if (res.body.status === "completed" || res.body.status === "completed_with_warnings") break;
        if (res.body.status === "failed" || Date.now() > deadline) throw new Error(`job did not complete: ${JSON.stringify(res.body)}`);
        await new Promise((r) => setTimeout(r, 250));
      }
      const download = await client.request<{ url: string }>("POST", `/api/appgen/jobs/${submitted.body.jobId}/download`);
      if (download.status !== 200) throw new Error(`download refused: ${JSON.stringify(download.body)}`);
      return performance.now() - started;
    };
    // The first job on a fresh data directory also prepares the app-starter template (copying Next.js).
    const firstMs = await once();
    const ms = await once();
    return { ms, firstMs };
  } finally {
    await app.stop();
  }
}

/** package.mjs on a 100 MB workspace (incompressible), then the download, the yauzl check and the private store. */
async function zipThroughput() {
  // Product modules read env() on first use: imported here, after pageStage has set INNGEST_DEV and DATA_DIR.
  const { storeZip, zipWorkspace } = await import("../../src/server/appgen/pipeline/artifact");
  const { uploadJobInputs } = await import("../../src/server/appgen/pipeline/sandbox");
  const { modelAgents } = await import("../../src/server/appgen/pipeline/agents");
  const root = await mkdtemp(path.join(tmpdir(), "appgen-bench-"));
  try {
    const source = await readTemplateSource(findTemplate("app-starter"));
    await prepareLocalTemplate(planLocalTemplate({ ...source, dependencies: { yazl: source.dependencies.yazl! } }), { root: path.join(root, "templates") });
    const { sessions } = createLocalSandbox({ baseDir: path.join(root, "sandboxes"), templatesDir: path.join(root, "templates") });
    const storage = createLocalStorage({ root: path.join(root, "storage"), appUrl: "http://bench", getSecret: async () => "bench-signing-secret-0000000000000" });
    const { id } = await sessions.create({ labels: { appgenJobId: "bench" }, template: "app-starter" });
    const spec = generationSpec.parse({ projectId: "p", brief: { title: "Bench" }, pages: [{ pageId: "home", route: "/", name: "Home", selectedPreviewHtml: "<p>x</p>" }] });
    await uploadJobInputs(sessions, { sandboxId: id, spec, packageJson: modelAgents.packageJson(spec) });
    await sessions.exec(id, { command: "node .agent/bin/prepare.mjs", timeoutSeconds: 120 });
    for (let i = 0; i < WORKSPACE_MB; i++) await sessions.upload(id, [{ path: `workspace/public/assets/blob-${i}.bin`, content: randomBytes(1024 * 1024) }]);
    const started = performance.now();
    const zipped = await zipWorkspace(sessions, { sandboxId: id, timeoutSeconds: 600 });
    const stored = await storeZip({ sessions, storage }, { sandboxId: id, ownerId: "o", projectId: "p", jobId: "bench" });
    const seconds = (performance.now() - started) / 1000;
    if (!zipped.ok || !stored.ok) throw new Error(`packaging failed: ${JSON.stringify({ zipped, stored })}`);
    await sessions.delete(id);
    return { seconds, zipMb: stored.sizeBytes / 1024 / 1024 };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

export const appgenSuite: BenchSuite = {
  name: "appgen",
  resultFile: "appgen.json",
  functions: () => [],
  async measure(ctx) {
    const pages = await pageStage(ctx);
    const zip = await zipThroughput();
    const e2e = await submitToDownload(ctx);
    return {
      pageStageRatio: round(pages.wallMs / pages.idealMs, 2),
      pageStage: { pages: PAGES, agentMs: PAGE_MS, parallelism: PAGE_PARALLELISM, wallMs: pages.wallMs, idealMs: pages.idealMs },
      zipThroughputMBps: round(WORKSPACE_MB / zip.seconds, 1),
      zip: { workspaceMb: WORKSPACE_MB, zipMb: round(zip.zipMb, 1), seconds: round(zip.seconds, 2) },
      submitToDownloadMs: round(e2e.ms),
      firstJobSubmitToDownloadMs: round(e2e.firstMs),
      note: "pageStageRatio: the product's pipeline served from the bench process (real Dev Server, local sandbox, in-memory PGlite) with each page agent taking 2 s before writing the offline model's page; the job's time in its pages stage (fan-out → the fan-in's claim) over ceil(6/4) × 2 s. zipThroughputMBps: package.mjs (yazl) in the local sandbox, download, yauzl check and private store of a 100 MB incompressible workspace. submitToDownloadMs: the production build (next start) with the offline model and the real app-starter template: POST /api/appgen/jobs of a 2-page spec → completed (real npm install with a warm cache, real next build) → POST …/download answers the signed URL; the second job of the run (the first also prepared the template: firstJobSubmitToDownloadMs).",
    };
  },
};
