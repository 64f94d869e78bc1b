import { buildCampaignView, isActive, isHeld } from "@/server/performance/campaign-view";
import { applyGuards } from "./guards";
import { audienceSaturated } from "./rules/audience-saturated";
import { budgetToBestAdset } from "./rules/budget-to-best-adset";
import { creativeFatigue } from "./rules/creative-fatigue";
import { lowCtrAds } from "./rules/low-ctr-ad";
import { qualifiesForScaleWinner, scaleWinner } from "./rules/scale-winner";
import { unprofitableCampaign } from "./rules/unprofitable-campaign";
import type { EvaluationInput, EvaluationResult, ProposedAction } from "./types";

/**
 * The optimisation engine: what the campaign's numbers call for, and what the organization's policy
 * lets happen of it. Pure: the same input always gives the same result (time is `input.now`, read in
 * the ad account's zone), so it is table-tested and property-tested without a database.
 */
export function evaluatePerformance(input: EvaluationInput): EvaluationResult {
  const result: EvaluationResult = { autonomous: [], approval: [], blocked: [], dryRun: [], notices: [] };
  const view = buildCampaignView(input);
  // A paused or unknown campaign has nothing to optimise; its last rows would only replay old news.
  // Nor has one a person turned off outside Aigency, even before the next pull shows it paused.
  if (!view?.campaignObject || !isActive(view.campaignObject) || isHeld(view, view.campaignObject.id)) return result;

  const pauses = lowCtrAds(view);
  const fatigue = creativeFatigue(view, new Set(pauses.map((p) => p.objectId)));
  // Campaign-wide decisions first: they matter most, and the guards let the first one touching an object win.
  const proposals = [
    unprofitableCampaign(view),
    audienceSaturated(view),
    scaleWinner(view),
    // The day the whole campaign deserves more money, shuffling it between ad sets only muddies the picture.
    qualifiesForScaleWinner(view) ? null : budgetToBestAdset(view),
    ...pauses,
    ...fatigue.actions,
  ].filter((p): p is ProposedAction => p !== null);

  for (const d of applyGuards(proposals, { view, policy: input.policy, history: input.history, now: input.now })) {
    if (d.disposition === "autonomous") result.autonomous.push(d);
    else if (d.disposition === "approval") result.approval.push(d);
    else if (d.disposition === "blocked") result.blocked.push(d);
    else result.dryRun.push(d);
  }
  result.notices = fatigue.notices;
  return result;
}
