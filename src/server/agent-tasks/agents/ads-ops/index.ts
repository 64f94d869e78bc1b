import { askModel } from "../model";
import { campaignName, readCampaigns } from "../project-reads";
import { callTool, type AgentLog } from "../tool-log";
import type { AgentDeps, AgentIssueInput, ArtifactDraft } from "../types";
import { ADS_OPS_PURPOSE, ADS_OPS_SYSTEM, adsOpsSchema, type AdsOpsAnswer } from "./diagnosis";
import { proposePause, type PauseProposal } from "./propose-pause";
import { readAdReviews } from "./review-state";

function recommendation(answer: AdsOpsAnswer, proposal: PauseProposal | null): string {
  return [
    "# Ad review",
    "",
    answer.explanation,
    "",
    ...(answer.fixes.length ? ["## What to change", ...answer.fixes.map((f) => `- ${f}`), ""] : []),
    ...(proposal
      ? [
          "## Proposed change (waiting for your approval)",
          proposal.actionId ? `Proposal \`${proposal.actionId}\` (${proposal.status}): pause the campaign. ${proposal.summary}` : proposal.summary,
          "",
        ]
      : []),
    "Nothing was changed on Facebook by this task.",
    "",
  ].join("\n");
}

/**
 * ads-ops: reads the campaigns and every ad's review state, explains the rejections and, when a
 * campaign can deliver nothing, proposes pausing it through the optimisation ledger. It never applies.
 */
export async function runAdsOps(deps: AgentDeps, input: AgentIssueInput, log: AgentLog) {
  if (!input.projectId) {
    const content = "This task is not about a project, so there are no ads to look at.";
    return { summary: content, artifacts: [{ type: "RECOMMENDATION", name: "ad-review", content }] as ArtifactDraft[] };
  }
  const projectId = input.projectId;
  const scope = { organizationId: input.organizationId, projectId };
  const campaigns = await callTool(log, { tool: "read_campaigns", input: scope, run: () => readCampaigns(deps, scope), describe: (c) => `${c.length} campaigns` });
  const reviewScope = { organizationId: input.organizationId, campaignIds: campaigns.map((c) => c.id) };
  const ads = await callTool(log, {
    tool: "read_ad_reviews",
    input: reviewScope,
    run: () => readAdReviews(deps, reviewScope),
    describe: (a) => `${a.length} ads, ${a.filter((x) => x.blocked).length} rejected`,
  });
  const facts = { campaigns: campaigns.map((c) => ({ id: c.id, name: campaignName(c), status: c.status })), ads };
  const answer = await callTool(log, {
    tool: "diagnose_reviews",
    input: { ads: ads.length },
    run: () => askModel(deps, input, { purpose: ADS_OPS_PURPOSE, schema: adsOpsSchema, system: ADS_OPS_SYSTEM, facts }),
    describe: (a) => `${a.fixes.length} fixes, propose pause: ${a.proposePause}`,
  });
  // The model may only ask for a pause the facts support: some ad is rejected (the owner still approves it).
  const proposal = answer.proposePause && ads.some((a) => a.blocked)
    ? await callTool(log, {
        tool: "propose_optimization",
        input: { kind: "PAUSE_CAMPAIGN", projectId },
        run: () => proposePause(deps, { ...input, projectId }, answer.explanation),
        describe: (p) => `${p.status ?? "not proposed"}${p.actionId ? ` ${p.actionId}` : ""}`,
      })
    : null;
  return {
    summary: proposal?.actionId ? `${answer.explanation.split(". ")[0]}. Pausing the campaign is proposed and waits for approval.` : answer.explanation.split(". ")[0]!,
    artifacts: [
      {
        type: "RECOMMENDATION" as const,
        name: "ad-review",
        content: recommendation(answer, proposal),
        metadata: { proposalId: proposal?.actionId ?? null, proposalStatus: proposal?.status ?? null, ads },
      },
    ],
    events: proposal?.events ?? [],
  };
}
