import { inngest } from "@/inngest/client";
import { optimizationActionProposed, performanceSnapshotPulled } from "@/inngest/events";
import { evaluatePerformance } from "@/server/optimization/evaluate";
import { evaluateAndRecord, postNotices } from "@/server/optimization/ledger-run";
import { automationPausedFor } from "@/server/webhooks/automation-guard";

/**
 * Fresh numbers for a campaign: the rules decide what to change, every decision becomes a ledger
 * row (once per rule, object and day), and each new proposal starts its flow (apply at once, or ask
 * the owner). Blocked and dry-run rows are recorded only. Reads our own snapshots, never Graph.
 */
export const evaluateOptimizations = inngest.createFunction(
  {
    id: "evaluate-optimizations",
    triggers: [performanceSnapshotPulled],
    // Two sweeps of one campaign evaluate one after the other, so the second sees the first's ledger rows.
    concurrency: [{ key: "event.data.campaignId", limit: 1 }],
  },
  async (ctx) => {
    const { event, step, deps } = ctx;
    const { organizationId, projectId, campaignId, adAccountId, date } = event.data;

    // Facebook stopped the ad account: propose nothing there; the run output says why.
    const paused = await step.run("check-account-standing", () => automationPausedFor(deps.db, { organizationId, adAccountId }));
    if (paused) return { recorded: 0, proposed: 0, skipped: paused };

    const result = await step.run("evaluate-and-record", () =>
      evaluateAndRecord(deps, { organizationId, campaignId, date, evaluate: evaluatePerformance }),
    );
    if (result.notices.length > 0) {
      await step.run("post-notices", () =>
        postNotices(deps, { organizationId, campaignId, conversationId: result.conversationId ?? null, day: date, notices: result.notices }),
      );
    }
    const flowing = result.proposed.filter((p) => p.status === "PROPOSED" || p.status === "AWAITING_APPROVAL");
    if (flowing.length > 0) {
      await step.sendEvent(
        "emit-actions-proposed",
        flowing.map((p) =>
          optimizationActionProposed.create(
            { organizationId, projectId, campaignId, adAccountId, actionId: p.actionId, requiresApproval: p.requiresApproval },
            { id: `action-proposed-${p.actionId}` },
          ),
        ),
      );
    }
    return { recorded: result.proposed.length, proposed: flowing.length, skipped: result.skipped };
  },
);
