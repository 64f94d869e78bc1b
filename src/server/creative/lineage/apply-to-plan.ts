import { HEADLINE_MAX, PRIMARY_TEXT_MAX } from "@/server/campaigns/plan-rules";
import type { CampaignPlan } from "@/server/campaigns/plan-schema";
import type { CreativeChoice } from "./chosen-creative";

/**
 * Gives a checked plan the creative studio's words and images: the ads take the chosen version's
 * hooks in turn (hook 1, 2, 3… across the plan), so every hook is tried before one repeats. A hook
 * too long for Facebook's limits is passed over; with none that fits, the plan keeps its own copy.
 * Whatever `creative` the model may have written is dropped: lineage is ours to set.
 */
export function applyCreativeToPlan(plan: CampaignPlan, choice: CreativeChoice | null): CampaignPlan {
  const usable = (choice?.hooks ?? []).filter((h) => h.headline.length <= HEADLINE_MAX && h.primaryText.length <= PRIMARY_TEXT_MAX);
  let turn = 0;
  return {
    ...plan,
    adSets: plan.adSets.map((set) => ({
      ...set,
      ads: set.ads.map(({ creative: _ignored, ...ad }) => {
        if (!choice || usable.length === 0) return ad;
        const hook = usable[turn++ % usable.length]!;
        return {
          ...ad,
          headline: hook.headline,
          primaryText: hook.primaryText,
          imagePrompt: hook.imagePrompt,
          creative: { sessionId: choice.sessionId, versionId: choice.versionId, hookId: hook.hookId, hookNumber: hook.number, imageArtifactId: hook.imageArtifactId },
        };
      }),
    })),
  };
}
