import type { Db } from "@/server/db";
import { isOrgMember, type Actor, type DecisionResult } from "./approval";
import { getCampaign } from "./records";

/**
 * Checks the owner may ask again for a failed plan. Nothing is written here: the planner takes the
 * failed version over with a compare-and-set claim, so two quick presses still give one plan.
 */
export async function checkPlanRetryAllowed(db: Db, opts: { campaignId: string; actor: Actor }): Promise<DecisionResult> {
  const record = await getCampaign(db, { organizationId: opts.actor.organizationId, campaignId: opts.campaignId });
  if (!record || !(await isOrgMember(db, opts.actor))) return { ok: false, status: 404, message: "Campaign not found" };
  if (record.status !== "GENERATION_FAILED") {
    return { ok: false, status: 409, message: `Only a plan that failed can be tried again (version ${record.version} is ${record.status}).` };
  }
  return { ok: true, record };
}

