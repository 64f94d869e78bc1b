import { createLocalSandbox } from "../../src/server/services/sandbox/local-sandbox";
import { localTemplatesRoot } from "../../src/server/services/sandbox/local-templates";
import { signedInClient, type AppClient } from "../../tests/e2e/support/app-api";
import { startBrandSite } from "../../tests/integration/sandbox-programs/support/brand-site";
import { startFakeAnthropic } from "../../tests/integration/sandbox-programs/support/fake-anthropic";
import type { BenchSuite } from "../lib/context";
import { startProductionApp } from "../lib/production-app";
import { median, round, summarize } from "../lib/stats";

const VERSIONS = 3;
const COLD_STARTS = 30;

interface VersionView {
  status: string;
  durationMs: number | null;
  stages: { stage: string; status: string; durationMs?: number }[];
  cost: { sandboxSeconds: number };
}

async function waitForVersion(app: AppClient, sessionId: string, version: number): Promise<VersionView> {
  const deadline = Date.now() + 5 * 60_000;
  for (;;) {
    const res = await app.request<{ versions: (VersionView & { version: number })[] }>("GET", `/api/creative/sessions/${sessionId}`);
    const v = res.body.versions?.find((x) => x.version === version);
    if (v?.status === "COMPLETED") return v;
    if (v?.status === "FAILED" || Date.now() > deadline) throw new Error(`version ${version} did not complete: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Create → first command of a local sandbox from the prepared creative-agent template (in this process). */
async function coldStarts(templatesDir: string): Promise<number[]> {
  const { sessions } = createLocalSandbox({ templatesDir });
  const samples: number[] = [];
  for (let i = 0; i < COLD_STARTS; i++) {
    const started = performance.now();
    const { id } = await sessions.create({ labels: { purpose: "bench" }, template: "creative-agent" });
    await sessions.exec(id, { command: "true", timeoutSeconds: 10 });
    samples.push(performance.now() - started);
    await sessions.delete(id);
  }
  return samples;
}

/**
 * One creative version end to end through the product (production build, real Dev Server, local
 * sandbox, the real agent) with a zero-latency fake of Anthropic's Messages API: wall time from the
 * request to COMPLETED, and the share of it spent running the stages inside the sandbox.
 */
export const creativeSuite: BenchSuite = {
  name: "creative",
  resultFile: "creative.json",
  functions: () => [],
  async measure({ devServer }) {
    const [model, site] = await Promise.all([startFakeAnthropic(), startBrandSite()]);
    const app = await startProductionApp(devServer.url, { ANTHROPIC_API_KEY: "sk-ant-bench-fake", ANTHROPIC_BASE_URL: model.baseUrl });
    try {
      await app.sync();
      const client = await signedInClient(app.url, "creative-bench");
      const { body } = await client.request<{ project: { id: string } }>("POST", "/api/projects", { name: "Bench bakery" });
      const walls: number[] = [];
      const shares: number[] = [];
      // The first version prepares the local template (once per recipe): reported apart, not in the median.
      let firstWallMs = 0;
      for (let i = 0; i <= VERSIONS; i++) {
        const started = performance.now();
        const created = await client.request<{ sessionId: string }>("POST", "/api/creative/sessions", { brandName: "Bench bakery", brandUrl: site.url("/"), projectId: body.project.id });
        const v = await waitForVersion(client, created.body.sessionId, 1);
        const wall = performance.now() - started;
        const inSandbox = v.stages.reduce((sum, s) => sum + (s.durationMs ?? 0), 0);
        if (i === 0) firstWallMs = wall;
        else {
          walls.push(wall);
          shares.push(inSandbox / wall);
        }
      }
      // The template the app prepared for its first version, under the app's own DATA_DIR.
      const cold = await coldStarts(localTemplatesRoot({ DATA_DIR: app.env.DATA_DIR ?? ".data" }));
      return {
        sandboxColdStartMedianMs: round(median(cold)),
        sandboxColdStart: summarize(cold),
        versionWallMs: round(median(walls)),
        versionWall: summarize(walls),
        sandboxShare: round(median(shares), 3),
        firstVersionWithTemplatePrepMs: round(firstWallMs),
        modelRequests: model.requests.length,
        note: "sandboxShare: time inside the sandbox running the four stages (research, hooks, image prompts, images) over the version's wall time, median of the versions after the first; the model is a zero-latency local fake of the Messages API; the local sandbox is a process, not a VM.",
      };
    } finally {
      await app.stop();
      await Promise.all([model.close(), site.close()]);
    }
  },
};
