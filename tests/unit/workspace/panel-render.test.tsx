import { MantineProvider } from "@mantine/core";
import type { ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { ComposerBridgeProvider } from "@/components/chat/composer-bridge";
import { ArtifactList } from "@/components/workspace/artifact-list";
import { RightPanelTabs } from "@/components/workspace/right-panel-tabs";
import { AGENT_TOOLS } from "@/server/agent/catalogue";
import type { ArtifactGroup, ArtifactView } from "@/server/workspace/artifacts";

vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh: () => {} }) }));

const html = (node: ReactNode) => renderToStaticMarkup(<MantineProvider><ComposerBridgeProvider>{node}</ComposerBridgeProvider></MantineProvider>);

const view = (over: Partial<ArtifactView>): ArtifactView => ({
  id: "a1",
  type: "AD_COPY",
  title: "Ad copy: mornings",
  createdAt: new Date("2026-11-30T10:00:00Z"),
  summary: "Bread by 8am",
  download: { url: "/api/projects/p1/artifacts/a1/download", filename: "ad-copy-mornings.txt", kind: "text" },
  detail: { kind: "ad-copy", copy: { headlines: ["Bread by 8am"], primaryTexts: [] } },
  ...over,
});

describe("the workspace panel renders on the server", () => {
  it("has the three tabs, and the Tools tab lists every tool with the money ones marked", () => {
    const out = html(<RightPanelTabs artifacts={[]} activity={[]} />);
    for (const name of ["Tools", "Artifacts", "Activity"]) expect(out).toMatch(new RegExp(`role="tab"[^>]*>(<[^>]+>)*${name}<`));
    for (const tool of AGENT_TOOLS) expect(out).toContain(tool.label);
    expect(out.match(/needs your OK/g)).toHaveLength(AGENT_TOOLS.filter((t) => t.movesMoney).length);
    expect(out).not.toContain('aria-label="Show performance: running"');
  });

  it("lists artifacts by group with their downloads, and says so when there are none", () => {
    const groups: ArtifactGroup<ArtifactView>[] = [
      { key: "brief", label: "Brief", items: [view({ id: "b1", type: "BRIEF", title: "Brief v1", download: null })] },
      { key: "ad-copy", label: "Ad copy", items: [view({})] },
    ];
    const out = html(<ArtifactList groups={groups} />);
    expect(out.indexOf("Brief v1")).toBeLessThan(out.indexOf("Ad copy: mornings"));
    expect(out).toContain('href="/api/projects/p1/artifacts/a1/download"');
    expect(out).toContain('download="ad-copy-mornings.txt"');
    expect(out.match(/>Download</g)).toHaveLength(1);
    expect(html(<ArtifactList groups={[]} />)).toContain("Nothing yet.");
  });
});

describe("the Activity tab", () => {
  it("shows each entry under its own headline when it has one", async () => {
    const { ActivityTimeline } = await import("@/components/optimization/activity-timeline");
    const { activityEntry } = await import("../../support/activity-entry");
    const out = html(<ActivityTimeline entries={[activityEntry({ title: "Bakery leads: Pause an ad that few people click" })]} />);
    expect(out).toContain("Bakery leads: Pause an ad that few people click");
    expect(out).not.toContain("Pause a weak ad");
  });
});
