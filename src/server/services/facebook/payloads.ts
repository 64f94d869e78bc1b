import type { AdInput, AdSetInput, CampaignInput, CreativeInput } from "./types";

/**
 * Request bodies in Graph's field names. The simulated account stores these same bodies, so what
 * a developer inspects there is what Graph would have received.
 */
export function toCampaignParams(input: CampaignInput) {
  return {
    name: input.name,
    objective: input.objective,
    status: input.status,
    special_ad_categories: input.specialAdCategories,
    // Budgets live on our ad sets; recent API versions want this said explicitly.
    is_adset_budget_sharing_enabled: false,
  };
}

export function toAdSetParams(input: AdSetInput) {
  const automation = (input.targeting.targeting_automation ?? {}) as Record<string, unknown>;
  return {
    name: input.name,
    campaign_id: input.campaignId,
    daily_budget: input.dailyBudgetCents,
    billing_event: input.billingEvent,
    optimization_goal: input.optimizationGoal,
    bid_strategy: "LOWEST_COST_WITHOUT_CAP",
    status: input.status,
    ...(input.startTime ? { start_time: input.startTime } : {}),
    targeting: {
      ...input.targeting,
      // Since v23 an unset flag means Advantage+ audience ON, which turns age/gender into mere suggestions.
      targeting_automation: { ...automation, advantage_audience: automation.advantage_audience ?? 0 },
    },
  };
}

export function toCreativeParams(input: CreativeInput) {
  return {
    name: input.name,
    object_story_spec: {
      page_id: input.pageId,
      link_data: {
        link: input.link,
        message: input.primaryText,
        name: input.headline,
        image_hash: input.imageHash,
        call_to_action: { type: input.callToAction, value: { link: input.link } },
      },
    },
  };
}

export function toAdParams(input: AdInput) {
  return {
    name: input.name,
    adset_id: input.adSetId,
    creative: { creative_id: input.creativeId },
    status: input.status,
  };
}
