import { MantineProvider } from "@mantine/core";
import type { ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { AutonomyForm } from "@/app/(app)/settings/autonomy/autonomy-form";
import { OptimizationActionCard } from "@/components/optimization/action-card";
import { ActivityTimeline } from "@/components/optimization/activity-timeline";
import { PerformanceSection } from "@/components/performance/performance-section";
import { toDailySeries } from "@/components/performance/series";
import { DEFAULT_AUTONOMY_POLICY } from "@/server/optimization/policy";
import { activityEntry } from "../../support/activity-entry";

// The buttons re-read the page through the App Router, which only exists inside Next.
vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh: () => {} }) }));

const html = (node: ReactNode) => renderToStaticMarkup(<MantineProvider>{node}</MantineProvider>);

const entry = activityEntry;

describe("campaign page sections render on the server", () => {
  it("the activity timeline: days, badges, before → after, who, impact, and buttons only while awaiting", () => {
    const out = html(
      <ActivityTimeline
        entries={[
          entry({ id: "e2", kind: "RAISE_BUDGET", status: "AWAITING_APPROVAL", requiresApproval: true, snapshotDate: "2026-11-30", appliedAt: null }),
          entry({ impactSummary: "Saved $9 over 3 days." }),
        ]}
      />,
    );
    expect(out.indexOf("Mon, Nov 30")).toBeLessThan(out.indexOf("Sun, Nov 29"));
    expect(out).toContain("Awaiting your OK");
    expect(out).toContain("Ad &quot;Fresh at 8am&quot;: running → paused");
    expect(out).toContain("Done by the agency on its own");
    expect(out).toContain("Result: Saved $9 over 3 days.");
    expect(out.match(/Approve change/g)).toHaveLength(1);
    expect(html(<ActivityTimeline entries={[]} />)).toContain("Nothing yet.");
  });

  it("the performance section: an empty state before the first numbers, totals after", () => {
    const empty = html(<PerformanceSection campaignId="c1" view={{ currency: "USD", points: [], lastPulledAt: null, simulatedOffsetDays: 0 }} live simulated showSimulatedControls />);
    expect(empty).toContain("No numbers yet");
    expect(empty).toContain("Advance 1 day");
    expect(empty).toContain("Run monitoring now");
    expect(empty).toContain("Refresh numbers");
    const points = toDailySeries([{ date: "2026-11-29", spendCents: 4_250, impressions: 2_000, clicks: 30, conversions: 3, conversionValueCents: 12_750 }]);
    const full = html(<PerformanceSection campaignId="c1" view={{ currency: "EUR", points, lastPulledAt: new Date(), simulatedOffsetDays: 3 }} live simulated={false} showSimulatedControls={false} />);
    expect(full).toContain("€42.50");
    expect(full).toContain("1.50%");
    expect(full).toContain("3.00×");
    expect(full).not.toContain("Advance 1 day");
  });

  it("the chat card: labelled for the journey, buttons while awaiting, the final status once decided", () => {
    const card = { actionId: "a1", status: "AWAITING_APPROVAL", title: "Raise the daily budget", reason: "It pays back 3.8×.", projectedEffect: "More leads", changes: ["$30 → $45"], requiresApproval: true, outcome: null, impact: null };
    const awaiting = html(<OptimizationActionCard card={card} status="AWAITING_APPROVAL" />);
    expect(awaiting).toContain('data-testid="optimization-action-card"');
    expect(awaiting).toContain("Approve change");
    expect(awaiting).toContain("Dismiss change");
    const decided = html(<OptimizationActionCard card={card} status="APPLIED" />);
    expect(decided).not.toContain("Approve change");
    expect(decided).toContain("Applied");
    const alone = html(<OptimizationActionCard card={{ ...card, requiresApproval: false, impact: "Saved $9 over 3 days." }} status="APPLIED" />);
    expect(alone).toContain("Done on its own");
    expect(alone).toContain("Result: Saved $9 over 3 days.");
    expect(alone).not.toContain("Suggested change");
  });
});

describe("autonomy settings form", () => {
  it("shows every setting with its safe default and the policy in plain words", () => {
    const out = html(<AutonomyForm initial={{ ...DEFAULT_AUTONOMY_POLICY, autonomousMaxPercent: 10 }} defaults={DEFAULT_AUTONOMY_POLICY} currency="EUR" />);
    for (const label of ["Changes it may make alone", "Changes it may never make", "Most money moved alone per day (EUR)", "Rest after a change", "Suggest only", "Dry run"]) {
      expect(out).toContain(label);
    }
    expect(out).toContain("Safe default: 20%.");
    expect(out).toContain("Safe default: €50.");
    expect(out).toContain("may move up to €5 a day on its own");
  });
});
