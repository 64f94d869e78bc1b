import { readdir } from "node:fs/promises";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { createLocalSandbox } from "@/server/services/sandbox/local-sandbox";
import { startBrandSite } from "../integration/sandbox-programs/support/brand-site";
import { signedInClient, type AppClient } from "./support/app-api";
import { DevServer, poll } from "./support/dev-server-api";

const devServer = new DevServer(inject("devServerUrl"));
// The app's local storage keeps each object at <DATA_DIR>/storage/objects/<key>.
const STORAGE_OBJECTS = path.join(inject("dataDir"), "storage", "objects");

interface Version {
  id: string;
  version: number;
  status: string;
  error: string | null;
  plan: { research: boolean; hooks: unknown; images: unknown } | null;
  reusedFromVersionId: string | null;
  stages: { stage: string; status: string }[];
  artifacts: { name: string; reusedFromVersionId: string | null }[];
  startedAt: string | null;
  finishedAt: string | null;
}

async function finished(app: AppClient, sessionId: string, version: number): Promise<Version> {
  const deadline = Date.now() + 180_000;
  for (;;) {
    const res = await app.request<{ versions: Version[] }>("GET", `/api/creative/sessions/${sessionId}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const v = res.body.versions.find((x) => x.version === version);
    if (v && (v.status === "COMPLETED" || v.status === "FAILED")) return v;
    if (Date.now() > deadline) throw new Error(`version ${version} never finished: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

const stageStatus = (v: Version) => Object.fromEntries(v.stages.map((s) => [s.stage, s.status]));
const reused = (v: Version) => v.artifacts.filter((a) => a.reusedFromVersionId).map((a) => a.name).sort();

describe("the creative studio through the real engine (local sandbox, the real agent, offline generator)", () => {
  it("v1 → 'make the hooks more emotional' → v2 reuses research → 'start fresh' → v3 redoes everything; two rapid resumes run one after the other; storage holds v1/…v5/, no sandbox is left", async () => {
    const site = await startBrandSite();
    try {
      const app = await signedInClient(inject("appUrl"), "creative");
      const { body } = await app.request<{ project: { id: string } }>("POST", "/api/projects", { name: "Bloom florist" });
      const created = await app.request<{ sessionId: string; versionId: string }>("POST", "/api/creative/sessions", { brandName: "Bloom", brandUrl: site.url("/"), projectId: body.project.id });
      expect(created.status, JSON.stringify(created.body)).toBe(202);
      const { sessionId } = created.body;

      const v1 = await finished(app, sessionId, 1);
      expect(v1.status, v1.error ?? "").toBe("COMPLETED");
      expect(stageStatus(v1)).toEqual({ research: "done", hooks: "done", "image-prompts": "done", images: "done" });
      expect(v1.artifacts.map((a) => a.name)).toEqual(expect.arrayContaining(["research.md", "hooks.json", "hooks.md", "images/hook-1-1200x628.png", "images/hook-1-1080x1080.png"]));

      const asked = await app.request("POST", `/api/creative/sessions/${sessionId}/versions`, { feedback: "make the hooks more emotional" });
      expect(asked.status, JSON.stringify(asked.body)).toBe(202);
      const v2 = await finished(app, sessionId, 2);
      expect(v2.status, v2.error ?? "").toBe("COMPLETED");
      expect(v2.reusedFromVersionId).toBe(v1.id);
      expect(v2.plan).toMatchObject({ research: false, hooks: "all", images: "all" });
      expect(stageStatus(v2)).toMatchObject({ research: "skipped", hooks: "done", images: "done" });
      expect(reused(v2)).toEqual(["research.json", "research.md"]);

      const fresh = await app.request("POST", `/api/creative/sessions/${sessionId}/versions`, { feedback: "start fresh", quickChoice: "start-fresh" });
      expect(fresh.status, JSON.stringify(fresh.body)).toBe(202);
      const v3 = await finished(app, sessionId, 3);
      expect(v3.status, v3.error ?? "").toBe("COMPLETED");
      expect(v3.reusedFromVersionId).toBeNull();
      expect(stageStatus(v3)).toEqual({ research: "done", hooks: "done", "image-prompts": "done", images: "done" });
      expect(reused(v3)).toEqual([]);

      // Two resumes a moment apart: the second waits for the first (one generation per session at a time).
      const [four, five] = await Promise.all([
        app.request("POST", `/api/creative/sessions/${sessionId}/versions`, { feedback: "brighter colours", quickChoice: "visuals-only" }),
        app.request("POST", `/api/creative/sessions/${sessionId}/versions`, { feedback: "change hook 2" }),
      ]);
      expect([four.status, five.status]).toEqual([202, 202]);
      const [v4, v5] = [await finished(app, sessionId, 4), await finished(app, sessionId, 5)];
      expect([v4.status, v5.status]).toEqual(["COMPLETED", "COMPLETED"]);
      const [first, second] = [v4, v5].sort((a, b) => Date.parse(a.startedAt!) - Date.parse(b.startedAt!));
      expect(Date.parse(second!.startedAt!)).toBeGreaterThanOrEqual(Date.parse(first!.finishedAt!));

      expect((await readdir(path.join(STORAGE_OBJECTS, "artifacts", sessionId))).sort()).toEqual(["v1", "v2", "v3", "v4", "v5"]);
      // Research ran twice (v1, v3), each time fetched by the agent inside the sandbox.
      const pageLoads = site.requests.filter((r) => r.path === "/");
      expect(pageLoads.length).toBe(2);
      expect(pageLoads.every((r) => r.userAgent.startsWith("AigencyCreativeAgent/"))).toBe(true);
      const { sessions } = createLocalSandbox();
      for (const v of [v1, v2, v3, v4, v5]) expect(await sessions.findByLabels({ creativeVersionId: v.id })).toEqual([]);

      for (const v of [v1, v2, v3]) {
        const event = await devServer.waitForEvent("creative/version.completed", { versionId: v.id }, { since: new Date(Date.now() - 600_000), timeoutMs: 30_000 });
        expect(event.data).toMatchObject({ sessionId, version: v.version });
      }
    } finally {
      await site.close();
    }
  });

  it("a version cancelled while its research stage runs ends FAILED 'cancelled', and its sandbox, command still running, is deleted", async () => {
    const site = await startBrandSite();
    try {
      const app = await signedInClient(inject("appUrl"), "creative-cancel");
      const { body } = await app.request<{ project: { id: string; organizationId: string } }>("POST", "/api/projects", { name: "Slow site" });
      const created = await app.request<{ sessionId: string; versionId: string }>("POST", "/api/creative/sessions", { brandName: "Slow", brandUrl: site.url("/slow"), projectId: body.project.id });
      expect(created.status).toBe(202);
      const { sessionId, versionId } = created.body;
      const { sessions } = createLocalSandbox();
      // The research stage is fetching the slow page inside the sandbox: cancel now.
      await poll("the research stage to start", async () => (site.requests.some((r) => r.path === "/slow") ? true : undefined), 60_000);
      expect(await sessions.findByLabels({ creativeVersionId: versionId })).toHaveLength(1);
      const since = new Date(Date.now() - 1_000);
      const sent = await fetch(`${inject("devServerUrl")}/e/test`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ name: "creative/version.cancel-requested", data: { organizationId: body.project.organizationId, sessionId, versionId } }),
      });
      expect(sent.status).toBe(200);

      const v = await finished(app, sessionId, 1);
      expect(v).toMatchObject({ status: "FAILED", error: "The version was cancelled" });
      await devServer.waitForEvent("creative/version.failed", { versionId }, { since, timeoutMs: 30_000 });
      expect(await sessions.findByLabels({ creativeVersionId: versionId })).toEqual([]);
    } finally {
      await site.close();
    }
  }, 120_000);
});
