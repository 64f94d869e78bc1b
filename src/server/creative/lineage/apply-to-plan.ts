import { HEADLINE_MAX, PRIMARY_TEXT_MAX } from "@/server/campaigns/plan-rules";
import type { CampaignPlan, PlanAd } from "@/server/campaigns/plan-schema";
import type { CreativeChoice } from "./chosen-creative";

/** Paused spares per ad set: enough for two rotations without crowding the account. */
export const MAX_RESERVE_ADS_PER_SET = 2;

type Hook = CreativeChoice["hooks"][number];

/**
 * Gives a checked plan the creative studio's words and images: the ads take the chosen version's
 * hooks in turn (hook 1, 2, 3… across the plan), so every hook is tried before one repeats. A hook
 * too long for Facebook's limits is passed over; with none that fits, the plan keeps its own copy.
 * Hooks an ad set does not run are added to it as paused reserve ads (at most two), which is what
 * "rotate creative" turns on when a running ad tires: the session's next unused creative, through the
 * same approval and ledger path as any rotation. Whatever `creative` or `reserve` the model wrote is
 * dropped: lineage is ours to set.
 */
export function applyCreativeToPlan(plan: CampaignPlan, choice: CreativeChoice | null): CampaignPlan {
  const usable = (choice?.hooks ?? []).filter((h) => h.headline.length <= HEADLINE_MAX && h.primaryText.length <= PRIMARY_TEXT_MAX);
  let turn = 0;
  const withHook = (ad: PlanAd, hook: Hook): PlanAd => ({
    ...ad,
    headline: hook.headline,
    primaryText: hook.primaryText,
    imagePrompt: hook.imagePrompt,
    creative: { sessionId: choice!.sessionId, versionId: choice!.versionId, hookId: hook.hookId, hookNumber: hook.number, imageArtifactId: hook.imageArtifactId },
  });
  return {
    ...plan,
    adSets: plan.adSets.map((set) => {
      const ads: PlanAd[] = set.ads.map(({ creative: _c, reserve: _r, ...ad }) => (choice && usable.length > 0 ? withHook(ad, usable[turn++ % usable.length]!) : ad));
      const used = new Set(ads.map((a) => a.creative?.hookId));
      const spares = usable.filter((h) => !used.has(h.hookId)).slice(0, MAX_RESERVE_ADS_PER_SET);
      const template = ads[0]!;
      const reserves = spares.map((hook) => ({ ...withHook(template, hook), name: `${template.name} (reserve, hook ${hook.number})`, reserve: true }));
      return { ...set, ads: [...ads, ...reserves] };
    }),
  };
}
