import { describe, expect, it } from "vitest";
import { describeCta, describeObjective, formatCents, formatRange } from "@/components/campaign/format";
import { collectDecisions, decisionFor, deploymentAnchors } from "@/components/chat/thread-state";
import type { ChatMessage } from "@/components/chat/types";

const msg = (id: string, type: ChatMessage["type"], metadata: Record<string, unknown> | null = null): ChatMessage => ({
  id,
  role: type === "APPROVAL_RESPONSE" ? "USER" : "ASSISTANT",
  type,
  content: id,
  metadata,
  createdAt: "2026-01-01T00:00:00.000Z",
});

describe("thread state derived from stored messages", () => {
  const thread = [
    msg("plan-1", "APPROVAL_REQUEST", { kind: "campaign-approval", campaignId: "c1", version: 1 }),
    msg("changes", "APPROVAL_RESPONSE", { decision: "changes-requested", campaignId: "c1", version: 1 }),
    msg("plan-2", "APPROVAL_REQUEST", { kind: "campaign-approval", campaignId: "c2", version: 2 }),
    msg("approve", "APPROVAL_RESPONSE", { decision: "approved", campaignId: "c2", version: 2 }),
    msg("resume", "APPROVAL_RESPONSE", { decision: "resume", campaignId: "c2", version: 2 }),
  ];

  it("knows which plan versions were decided, and how", () => {
    const decisions = collectDecisions(thread);
    expect(decisionFor(decisions, "c1", 1)).toBe("changes-requested");
    expect(decisionFor(decisions, "c2", 2)).toBe("approved");
    expect(decisionFor(decisions, "c3", 1)).toBeNull();
  });

  it("shows one deployment tracker per campaign, after its latest approval or resume", () => {
    expect([...deploymentAnchors(thread)]).toEqual([["resume", "c2"]]);
  });

  it("ignores responses without a campaign id", () => {
    expect(deploymentAnchors([msg("x", "APPROVAL_RESPONSE", { decision: "approved" })]).size).toBe(0);
  });
});

describe("campaign display helpers", () => {
  it("formats hundredths in the plan's own currency, without decimals when whole", () => {
    expect(formatCents(60_000, "USD")).toBe("$600");
    expect(formatCents(1_850, "USD")).toBe("$18.50");
    expect(formatCents(1_850, "EUR")).toBe("€18.50");
    // Yen have no minor unit: never "¥1,000.50".
    expect(formatCents(100_050, "JPY")).toBe("¥1,001");
  });

  it("formats ranges and collapses equal ends", () => {
    expect(formatRange({ low: 21_600, high: 60_000 })).toBe("21,600–60,000");
    expect(formatRange({ low: 3, high: 3 })).toBe("3");
  });

  it("says objectives and calls to action in plain words", () => {
    expect(describeObjective("OUTCOME_SALES")).toBe("Get sales");
    expect(describeObjective("OUTCOME_UNKNOWN")).toBe("OUTCOME_UNKNOWN");
    expect(describeCta("LEARN_MORE")).toBe("Learn more");
  });
});
