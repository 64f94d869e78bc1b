import { toGraphGeoLocations } from "@/server/geo/geo-target";
import type { CampaignPlan, Objective } from "../plan-schema";

/**
 * Graph targeting for an ad set. Advantage+ audience is switched off explicitly: the ages and
 * countries the user approved are limits, not suggestions Facebook may widen. Interest names are not
 * sent because Graph needs interest ids, which the plan does not have; they stay in the plan as context.
 */
export function toGraphTargeting(t: CampaignPlan["adSets"][number]["targeting"]): Record<string, unknown> {
  return {
    geo_locations: toGraphGeoLocations(t),
    age_min: t.ageMin,
    age_max: t.ageMax,
    targeting_automation: { advantage_audience: 0 },
  };
}

// Goals that work without a pixel or lead form, which a new advertiser does not have yet.
const GOALS: Record<Objective, string> = {
  OUTCOME_LEADS: "LINK_CLICKS",
  OUTCOME_SALES: "LINK_CLICKS",
  OUTCOME_TRAFFIC: "LINK_CLICKS",
  OUTCOME_APP_PROMOTION: "APP_INSTALLS",
};

export const optimizationGoalFor = (objective: Objective) => GOALS[objective];
