import type { ActivityEntry } from "@/components/optimization/load-activity";

/** One ledger entry as the campaign page receives it: an ad paused by the agency on its own, unless `over` says otherwise. */
export const activityEntry = (over: Partial<ActivityEntry> = {}): ActivityEntry => ({
  id: "e1",
  kind: "PAUSE_AD",
  status: "APPLIED",
  requiresApproval: false,
  reason: "Almost nobody clicks this ad.",
  projectedEffect: null,
  changes: ['Ad "Fresh at 8am": running → paused'],
  outcome: null,
  snapshotDate: "2026-11-29",
  createdAt: new Date("2026-11-29T10:00:00Z"),
  decidedByName: null,
  decidedAt: null,
  appliedAt: new Date("2026-11-29T10:01:00Z"),
  impactSummary: null,
  ...over,
});
