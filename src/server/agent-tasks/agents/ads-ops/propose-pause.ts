import { and, eq } from "drizzle-orm";
import { proposeCampaignPause } from "@/server/agent/tools/money/pause-campaign";
import { ownerRequestKey } from "@/server/agent/tools/money/propose";
import type { ToolContext, ToolEvent } from "@/server/agent/tools/types";
import { optimizationActions } from "@/server/db/schema";
import type { AgentDeps, AgentIssueInput } from "../types";

export interface PauseProposal {
  /** The ledger row, when one was written (AWAITING_APPROVAL, or BLOCKED / DRY_RUN by the policy). */
  actionId: string | null;
  status: string | null;
  summary: string;
  /** optimization/action.proposed, for the job function to send after its step: it starts the approval card. */
  events: ToolEvent[];
}

/**
 * Proposes pausing the project's live campaign through the very path an owner's chat request takes:
 * the autonomy policy decides (an owner-request is never autonomous), a ledger row records it with a
 * key from the job (a retried run finds its own row), and only the approve route may apply it.
 */
export async function proposePause(deps: AgentDeps, input: AgentIssueInput & { projectId: string }, reason: string): Promise<PauseProposal> {
  const ctx: ToolContext = {
    deps,
    organizationId: input.organizationId,
    projectId: input.projectId,
    conversationId: "",
    userId: "agent-task",
    messageId: `agent-job:${input.jobId}`,
    callIndex: 0,
    now: new Date(),
    runId: input.jobId,
  };
  const result = await proposeCampaignPause(ctx, {
    reason: `The ads-ops agent found every ad of the campaign rejected by Facebook, so its budget buys nothing until they are fixed. ${reason}`,
    projectedEffect: "The campaign stops until its ads pass review again; nothing is spent meanwhile.",
  });
  // A refusal may still find what an earlier attempt of this job recorded (its row is found by key).
  return { ...(await ownRow(deps, ctx)), summary: result.summary, events: result.events ?? [] };
}

async function ownRow(deps: AgentDeps, ctx: ToolContext) {
  const [row] = await deps.db
    .select({ actionId: optimizationActions.id, status: optimizationActions.status })
    .from(optimizationActions)
    .where(and(eq(optimizationActions.organizationId, ctx.organizationId), eq(optimizationActions.idempotencyKey, ownerRequestKey(ctx))));
  return { actionId: row?.actionId ?? null, status: row?.status ?? null };
}
