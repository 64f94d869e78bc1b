import { env } from "@/env";
import { postCampaignMessage } from "@/server/campaigns/records";
import type { Deps } from "@/server/deps";
import { performanceAlerts } from "@/server/db/schema";
import { accountNow } from "@/server/performance/account-clock";
import { loadCampaignPerformance } from "@/server/performance/load-campaign";
import { durationMs, loadHistory, recordDecisions } from "./ledger";
import { loadAutonomyPolicy } from "./policy";
import type { EvaluationInput, EvaluationResult } from "./types";

export type Evaluate = (input: EvaluationInput) => EvaluationResult;

/** A ledger row just written: what the next event needs (JSON-safe). */
export interface ProposedRef {
  actionId: string;
  requiresApproval: boolean;
  status: string;
}

/**
 * One campaign, one account day: load its numbers, the policy and the organization's recent ledger,
 * let the rules decide, and record every decision. Only rows actually inserted come back (a rerun of
 * the same day inserts nothing), so each proposal starts exactly one flow.
 */
export async function evaluateAndRecord(
  deps: Deps,
  opts: { organizationId: string; campaignId: string; date: string; evaluate: Evaluate },
): Promise<{ proposed: ProposedRef[]; notices: EvaluationResult["notices"]; conversationId?: string | null; skipped?: string }> {
  const perf = await loadCampaignPerformance(deps.db, opts);
  if (!perf) return { proposed: [], notices: [], skipped: "campaign not deployed" };
  if (perf.record.status !== "ACTIVE") return { proposed: [], notices: [], skipped: `campaign is ${perf.record.status}` };
  const adAccountId = perf.record.adAccountId!;
  const policy = await loadAutonomyPolicy(deps.db, opts.organizationId);
  const now = await accountNow(deps, adAccountId);
  // Enough history for the longest cooldown, plus today for the daily cap and one budget change a day.
  const days = Math.ceil(policy.cooldownHours / 24) + 2;
  const history = await loadHistory(deps.db, { organizationId: opts.organizationId, now, days });
  const result = opts.evaluate({ snapshots: perf.snapshots, previous: perf.previous, campaign: perf.campaign, policy, history, now });
  const rows = await recordDecisions(deps.db, {
    organizationId: opts.organizationId,
    projectId: perf.record.projectId,
    campaignId: perf.record.id,
    adAccountId,
    currency: perf.record.currency,
    decisions: [...result.autonomous, ...result.approval, ...result.blocked, ...result.dryRun],
    now,
    approvalTimeoutMs: durationMs(env().OPTIMIZATION_APPROVAL_TIMEOUT),
  });
  return {
    proposed: rows.map((r) => ({ actionId: r.id, requiresApproval: r.requiresApproval, status: r.status })),
    notices: result.notices,
    conversationId: perf.record.conversationId,
  };
}

/**
 * Tells the owner what the rules noticed but cannot act on (ads tiring with no fresh image to swap in):
 * at most once per rule, campaign and day, kept by the alerts table's unique key.
 */
export async function postNotices(
  deps: Deps,
  opts: { organizationId: string; campaignId: string; conversationId: string | null; day: string; notices: { rule: string; objectId: string; title?: string; message: string }[] },
): Promise<number> {
  if (!opts.conversationId || opts.notices.length === 0) return 0;
  let posted = 0;
  for (const notice of opts.notices) {
    await deps.db.transaction(async (tx) => {
      const [alert] = await tx
        .insert(performanceAlerts)
        .values({
          organizationId: opts.organizationId,
          campaignId: opts.campaignId,
          condition: `notice:${notice.rule}`,
          day: opts.day,
          objectId: notice.objectId,
          details: { rule: notice.rule },
        })
        .onConflictDoNothing()
        .returning({ id: performanceAlerts.id });
      if (!alert) return;
      await postCampaignMessage(tx, {
        organizationId: opts.organizationId,
        conversationId: opts.conversationId!,
        type: "TEXT",
        content: notice.title ? `${notice.title}.\n${notice.message}` : notice.message,
        metadata: { kind: "optimization-notice", rule: notice.rule, objectId: notice.objectId, campaignId: opts.campaignId, day: opts.day },
      });
      posted++;
    });
  }
  return posted;
}
