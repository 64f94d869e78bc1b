import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { MantineProvider } from "@mantine/core";
import { eq } from "drizzle-orm";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HookGallery } from "@/components/creative/hook-gallery";
import { LineageTable } from "@/components/creative/lineage-table";
import { listStudioSessions, loadStudioPage } from "@/components/creative/load-studio";
import { VersionHistory } from "@/components/creative/version-history";
import { VersionProgress } from "@/components/creative/version-progress";
import { campaignRecords, creativeAdLineage, creativeArtifacts, creativeVersions, performanceSnapshots } from "@/server/db/schema";
import { createLocalStorage } from "@/server/services/storage/local-storage";
import { createTestDb } from "../../support/db";
import { seedFinishedVersion } from "../creative-lineage/support";
import { seedLiveCampaign } from "../optimization/support";

let handle: Awaited<ReturnType<typeof createTestDb>>;
let root: string;
beforeAll(async () => {
  handle = await createTestDb();
  root = await mkdtemp(path.join(tmpdir(), "creative-studio-"));
});
afterAll(async () => {
  await handle?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

const html = (node: React.ReactNode) => renderToStaticMarkup(<MantineProvider>{node}</MantineProvider>);

describe("the creative session page", () => {
  it("shows the newest ready version's hooks with both images, every version with cost and what was reused, and each hook's results", async () => {
    const storage = createLocalStorage({ root, appUrl: "http://app.test", getSecret: async () => "s".repeat(64) });
    const c = await seedLiveCampaign(handle.db, "Studio");
    const studio = await seedFinishedVersion(handle.db, storage, {
      organizationId: c.organizationId,
      projectId: c.projectId,
      hooks: [
        { headline: "Fresh flowers by noon", primaryText: "Order before 10." },
        { headline: "Loved by 2,000 locals", primaryText: "Five stars next door." },
      ],
    });
    // The square image of hook 1 too, and a failed v2 whose error is shown.
    await storage.put(`artifacts/${studio.sessionId}/v1/images/hook-1-1080x1080.png`, Buffer.from("square"), "image/png");
    await handle.db.insert(creativeArtifacts).values({ organizationId: c.organizationId, sessionId: studio.sessionId, versionId: studio.versionId, kind: "IMAGE", name: "images/hook-1-1080x1080.png", storageKey: `artifacts/${studio.sessionId}/v1/images/hook-1-1080x1080.png`, contentType: "image/png", bytes: 10, hookNumber: 1, width: 1080, height: 1080 });
    await handle.db.update(creativeVersions).set({ costMicros: 260_000, durationMs: 95_000, inputTokens: 1200, outputTokens: 800, sandboxSeconds: 12.5 }).where(eq(creativeVersions.id, studio.versionId));
    await handle.db.insert(creativeVersions).values({ organizationId: c.organizationId, sessionId: studio.sessionId, version: 2, status: "FAILED", feedback: "Make the hooks more emotional", hydratedFromVersionId: studio.versionId, error: "Writing hooks took longer than its 120 s limit.", plan: { research: false, hooks: "all", images: "all", reason: "Hooks and images are redone; the research is kept." }, stages: [{ stage: "research", status: "skipped" }, { stage: "hooks", status: "failed", error: "timeout" }] });
    // Hook 2's ad ran in the live campaign.
    await handle.db.update(campaignRecords).set({ fbAdIds: { "ad-0-0": "fb-ad-9" } }).where(eq(campaignRecords.id, c.campaignId));
    await handle.db.insert(creativeAdLineage).values({ organizationId: c.organizationId, campaignId: c.campaignId, adKey: "ad-0-0", sessionId: studio.sessionId, versionId: studio.versionId, hookId: studio.hookIds[1]!, imageArtifactId: studio.imageIds[1]! });
    await handle.db.insert(performanceSnapshots).values({ organizationId: c.organizationId, campaignId: c.campaignId, adAccountId: "act_1", objectType: "ad", objectId: "fb-ad-9", date: "2026-11-20", impressions: 4000, clicks: 100, conversions: 5, spendCents: 2500 });

    const page = await loadStudioPage(handle.db, storage, { organizationId: c.organizationId, sessionId: studio.sessionId });
    expect(page!.shown).toMatchObject({ version: 1 });
    expect(page!.shown!.hooks[0]!.images.map((i) => `${i.width}x${i.height}`)).toEqual(["1200x628", "1080x1080"]);
    const gallery = html(<HookGallery version={page!.shown!.version} hooks={page!.shown!.hooks} />);
    expect(gallery).toContain("1. Fresh flowers by noon");
    expect(gallery).toContain('alt="Hook 1, 1080×1080"');
    expect(gallery).toMatch(/src="http:\/\/app\.test\/api\/storage\/artifacts\/[^"]+hook-1-1200x628\.png\?[^"]*sig=/);

    const history = html(<VersionHistory versions={page!.versions} />);
    expect(history).toContain("Make the hooks more emotional");
    expect(history).toContain("The rest reused from v1");
    expect(history).toContain("$0.26");
    expect(history).toContain("1 min 35 s");

    const progress = html(<VersionProgress version={page!.versions.at(-1)!} />);
    expect(progress).toContain("Writing hooks took longer than its 120 s limit.");
    expect(progress).toContain("Reading the brand&#x27;s website (kept from the last version)");

    const lineage = html(<LineageTable rows={page!.lineage} />);
    expect(lineage).toContain("v1 hook 2: Loved by 2,000 locals");
    expect(lineage).toContain("2.50%");
    expect(lineage).toContain(">$5<");

    expect(await listStudioSessions(handle.db, { organizationId: c.organizationId, projectId: c.projectId })).toEqual([
      expect.objectContaining({ id: studio.sessionId, latest: { sessionId: studio.sessionId, version: 2, status: "FAILED" } }),
    ]);
    // Another organization's member sees no such session.
    const other = await seedLiveCampaign(handle.db, "Other");
    expect(await loadStudioPage(handle.db, storage, { organizationId: other.organizationId, sessionId: studio.sessionId })).toBeNull();
  });
});
