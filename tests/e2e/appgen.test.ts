import { describe, expect, inject, it } from "vitest";
import yauzl, { type Entry } from "yauzl";
import { createLocalSandbox } from "@/server/services/sandbox/local-sandbox";
import type { SandboxFile } from "@/server/services/sandbox/types";
import { signedInClient, type AppClient } from "./support/app-api";
import { DevServer } from "./support/dev-server-api";
import { E2E_NPM_CACHE_DIR } from "./support/npm-cache";

const devServer = new DevServer(inject("devServerUrl"));
const TERMINAL = ["completed", "completed_with_warnings", "failed", "expired"];

interface JobView {
  status: string;
  stage: string;
  fixRound: number;
  warnings: string[];
  error: string | null;
  pages: { pageId: string; status: string }[];
}

async function finished(app: AppClient, jobId: string): Promise<JobView> {
  const deadline = Date.now() + 20 * 60_000;
  for (;;) {
    const res = await app.request<JobView>("GET", `/api/appgen/jobs/${jobId}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    if (TERMINAL.includes(res.body.status)) return res.body;
    if (Date.now() > deadline) throw new Error(`job ${jobId} never finished: ${JSON.stringify(res.body)}`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** Every entry of the ZIP as a sandbox file, with its unix mode. */
async function unzip(zip: Buffer): Promise<{ files: SandboxFile[]; modes: Record<string, number> }> {
  const files: SandboxFile[] = [];
  const modes: Record<string, number> = {};
  const z = await new Promise<yauzl.ZipFile>((resolve, reject) => yauzl.fromBuffer(zip, { lazyEntries: true }, (e, f) => (e || !f ? reject(e) : resolve(f))));
  await new Promise<void>((resolve, reject) => {
    z.on("end", resolve).on("error", reject);
    z.on("entry", (entry: Entry) => {
      modes[entry.fileName] = (entry.externalFileAttributes >>> 16) & 0o777;
      z.openReadStream(entry, (err, stream) => {
        if (err || !stream) return reject(err);
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => chunks.push(c)).on("end", () => {
          files.push({ path: `app/${entry.fileName}`, content: Buffer.concat(chunks) });
          z.readEntry();
        });
      });
    });
    z.readEntry();
  });
  return { files, modes };
}

const preview = (title: string) => `<!doctype html><html><head><title>${title}</title></head><body><header><h1>${title}</h1></header><main><p>Fresh bread every morning.</p><a href="/about">About us</a></main></body></html>`;

describe("app generation through the real engine (local sandbox, offline model)", () => {
  it("submit → completed → download the ZIP → it unpacks into an app whose npm install and npm run build succeed", async () => {
    const startedAt = Date.now();
    const app = await signedInClient(inject("appUrl"), "appgen");
    const { body } = await app.request<{ project: { id: string } }>("POST", "/api/projects", { name: "Corner Bakery" });
    const spec = {
      projectId: body.project.id,
      brief: { title: "Corner Bakery", details: "A neighbourhood bakery", audience: "Locals", goals: "Pre-orders" },
      style: { name: "Warm", palette: ["#8a3b12", "#f7efe5"], typography: ["Georgia"], notes: "" },
      pages: [
        { pageId: "home", route: "/", name: "Home", selectedPreviewHtml: preview("Corner Bakery"), actions: ["signup"] },
        { pageId: "about", route: "/about", name: "About", selectedPreviewHtml: preview("About the bakery") },
      ],
    };
    const submitted = await app.request<{ jobId: string }>("POST", "/api/appgen/jobs", spec);
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(202);
    const { jobId } = submitted.body;

    const job = await finished(app, jobId);
    expect(job.status, JSON.stringify(job)).toBe("completed");
    expect(job.pages.map((p) => p.status)).toEqual(["done", "done"]);
    const download = await app.request<{ url: string; expiresAt: string }>("POST", `/api/appgen/jobs/${jobId}/download`);
    expect(download.status, JSON.stringify(download.body)).toBe(200);
    const zipRes = await fetch(new URL(download.body.url, inject("appUrl")));
    expect(zipRes.status).toBe(200);
    const zip = Buffer.from(await zipRes.arrayBuffer());
    const submitToDownloadMs = Date.now() - startedAt;
    console.info(`[e2e] appgen: submit → download ${submitToDownloadMs} ms, ZIP ${zip.length} bytes`);

    const { files, modes } = await unzip(zip);
    expect(Object.keys(modes)).toEqual(expect.arrayContaining(["README.md", ".env.example", "run-app.sh", "run-app.bat", "package.json", "app/page.tsx", "app/about/page.tsx"]));
    expect(Object.keys(modes).some((n) => n.startsWith("node_modules/") || n.startsWith(".next/"))).toBe(false);
    expect(modes["run-app.sh"]).toBe(0o755);

    // A fresh local sandbox with nothing baked in: the ZIP alone, installed from the registry.
    const { sessions } = createLocalSandbox();
    const { id } = await sessions.create({ labels: { e2e: "appgen-unpacked" } });
    try {
      await sessions.upload(id, files);
      const env = { npm_config_cache: E2E_NPM_CACHE_DIR, npm_config_update_notifier: "false", NEXT_TELEMETRY_DISABLED: "1" };
      const install = await sessions.exec(id, { command: "npm install --no-audit --no-fund", cwd: "app", timeoutSeconds: 900, env });
      expect(install.exitCode, install.output.slice(-3000)).toBe(0);
      const build = await sessions.exec(id, { command: "npm run build", cwd: "app", timeoutSeconds: 900, env });
      expect(build.exitCode, build.output.slice(-3000)).toBe(0);
      expect(build.output).toMatch(/\/about/);
    } finally {
      await sessions.delete(id);
    }
    expect(await sessions.findByLabels({ appgenJobId: jobId })).toEqual([]);
    const completed = await devServer.waitForEvent("appgen/job.completed", { jobId }, { since: new Date(startedAt - 1000), timeoutMs: 30_000 });
    expect(completed.data).toMatchObject({ status: "completed" });
    console.info(`[e2e] appgen: whole test ${Date.now() - startedAt} ms`);
  }, 40 * 60_000);
});
