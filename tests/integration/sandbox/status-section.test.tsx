import { MantineProvider } from "@mantine/core";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import StatusPage from "@/app/status/page";
import { SandboxTemplatesSection } from "@/app/status/sandbox-templates-section";
import { parseEnv } from "@/env";
import { sandboxSnapshots, sandboxTemplateRefreshes } from "@/server/db/schema";
import { setDeps } from "@/server/deps";
import { recordColdStart } from "@/server/sandbox/cold-starts";
import { loadSandboxTemplatesStatus, publicError } from "@/server/sandbox/status";
import { createTestDb } from "../../support/db";
import { embeddedDeps } from "../campaigns/support";

let handle: Awaited<ReturnType<typeof createTestDb>>;
beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(async () => {
  setDeps();
  await handle?.close();
});

const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/&#x27;/g, "'").replace(/&lt;/g, "<").replace(/\s+/g, " ");
const render = (node: React.ReactNode) => text(renderToStaticMarkup(<MantineProvider>{node}</MantineProvider>));

describe("/status: sandbox templates", () => {
  it("shows the active snapshot per kind, failures in words without paths, each template's last refresh and the cold-start median", async () => {
    const at = (iso: string) => new Date(iso);
    await handle.db.insert(sandboxSnapshots).values([
      { kind: "daytona", name: "aigency-agents-aaaaaaaaaaaa", recipeHash: "a", status: "RETIRED", createdAt: at("2026-12-01T08:00:00Z") },
      { kind: "daytona", name: "aigency-agents-bbbbbbbbbbbb", recipeHash: "b", status: "ACTIVE", activatedAt: at("2026-12-01T09:05:00Z"), createdAt: at("2026-12-01T09:00:00Z") },
      {
        kind: "daytona", name: "aigency-agents-cccccccccccc", recipeHash: "c", status: "FAILED", createdAt: at("2026-12-01T10:00:00Z"),
        error: "Verification failed: Commands run as root (uid 0); fetch https://daytona.internal.example/api/x failed at /srv/app/.data/x",
      },
    ]);
    for (const ms of [300, 420, 900]) await recordColdStart(handle.db, { kind: "daytona", snapshot: "aigency-agents-bbbbbbbbbbbb", purpose: "snapshot-verify", coldStartMs: ms });
    for (const ms of [700, 800]) await recordColdStart(handle.db, { kind: "local", snapshot: null, purpose: "creative-research", coldStartMs: ms });
    await handle.db.insert(sandboxTemplateRefreshes).values([
      { template: "creative-agent", runId: "r1", attempt: 1, status: "succeeded", createdAt: at("2026-12-01T10:30:00Z") },
      { template: "app-starter", runId: "r2", attempt: 2, status: "failed", error: "Build failed: npm exited 1", createdAt: at("2026-12-01T10:30:00Z") },
      { template: "app-starter", runId: "r2", attempt: 3, status: "failed", error: "Build failed: ENOSPC, write '/srv/app/.data/sandbox-templates/x'", createdAt: at("2026-12-01T10:31:00Z") },
    ]);

    const status = await loadSandboxTemplatesStatus(handle.db, parseEnv({ DAYTONA_API_KEY: "dtn_key" }));
    const page = render(<SandboxTemplatesSection status={status} />);
    expect(page).toContain("Daytona snapshot (in use) aigency-agents-bbbbbbbbbbbb, since 2026-12-01 09:05 UTC");
    expect(page).toContain("aigency-agents-cccccccccccc failed (2026-12-01 10:00 UTC): Verification failed: Commands run as root (uid 0); fetch … failed at …");
    expect(page).toContain("420 ms median over 3: meets < 500 ms from a pre-built snapshot");
    expect(page).toContain("Local template directory None verified yet None 750 ms median over 2: misses < 500 ms from a pre-built snapshot");
    expect(page).toContain("creative-agent Refreshed 2026-12-01 10:30 UTC");
    expect(page).toContain("app-starter Failed after 3 attempts (2026-12-01 10:31 UTC): Build failed: ENOSPC, write '…'");
    expect(page).not.toMatch(/daytona\.internal|\/srv\/app/);
  });

  it("is part of the status page, and says so plainly when its records cannot be read", async () => {
    setDeps(embeddedDeps(handle.db));
    const page = render(await StatusPage());
    expect(page).toContain("Service status");
    expect(page).toContain("Sandbox templates");
    expect(page).toContain("Local template directory (in use)");
    expect(render(<SandboxTemplatesSection status={null} />)).toContain("The sandbox template records could not be read.");
  });

  it("cuts paths and URLs out of an error, keeping its words", () => {
    expect(publicError("ENOENT: no such file, open '/home/x/.data/a b'")).toBe("ENOENT: no such file, open '… b'");
    expect(publicError("connect to postgres://u:p@db:5432/x refused")).toBe("connect to … refused");
    expect(publicError(null)).toBeNull();
  });
});
