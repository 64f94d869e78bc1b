import { z } from "zod";
import { registerOfflineGenerator, type OfflineGeneratorInput } from "@/server/services/llm";
import { readFacts } from "../model";
import type { AdReview } from "./review-state";

export const ADS_OPS_PURPOSE = "agent-task-ads-ops";

export const adsOpsSchema = z.object({
  explanation: z.string().min(1).max(2000),
  fixes: z.array(z.string().min(1).max(400)).max(8),
  /** Propose pausing the campaign (the owner approves on its card): only when nothing of it can deliver. */
  proposePause: z.boolean(),
});
export type AdsOpsAnswer = z.infer<typeof adsOpsSchema>;

export const ADS_OPS_SYSTEM = [
  "You are the agency's ads operations specialist. The facts are the project's campaigns and every ad's review state as Facebook reported it.",
  "Explain which ads were rejected and why, in plain words, and what to change so they pass review.",
  "Set proposePause only when every ad of a running campaign is rejected; the owner approves any change, you never make one.",
].join(" ");

export interface AdsOpsFacts {
  campaigns: { id: string; name: string; status: string }[];
  ads: AdReview[];
}

// Facebook's usual rejection reasons and the fix each asks for.
const FIXES: [RegExp, string][] = [
  [/personal (attributes|health)|assert|imply/i, "Rewrite the text so it does not say or imply the reader's personal attributes (\"Are you a busy parent?\" → \"For busy parents\")."],
  [/before.and.after|body|weight/i, "Replace images that show before-and-after results or focus on bodies."],
  [/landing page|destination|website|broken|functional/i, "Check the landing page: it must load, match the ad's offer and not be under construction."],
  [/text|image.*words|20%/i, "Use an image with less text on it; put the words in the primary text instead."],
  [/sensational|language|profan|exaggerat|claim/i, "Tone down claims the brief cannot back (\"best\", \"guaranteed\", \"#1\")."],
];

/** The offline reading of the same facts: each rejected ad, its reason, and the fix the reason asks for. */
export function offlineAdsOps(f: AdsOpsFacts): AdsOpsAnswer {
  const blocked = f.ads.filter((a) => a.blocked);
  if (blocked.length === 0) {
    return { explanation: `None of the project's ${f.ads.length} ads is rejected right now: Facebook shows every one as approved or in review.`, fixes: [], proposePause: false };
  }
  const lines = blocked.map((a) => `Ad ${a.adId} is ${a.reviewStatus}${a.reason ? `: "${a.reason}"` : " (Facebook gave no reason)"}.`);
  const fixes = [...new Set(blocked.flatMap((a) => FIXES.filter(([re]) => re.test(a.reason ?? "")).map(([, fix]) => fix)))];
  if (fixes.length === 0) fixes.push("Open the ad in Ads Manager, read Facebook's rejection note, edit the ad and request another review.");
  fixes.push("After editing, Facebook reviews the ad again (usually within 24 hours); a wrongly rejected ad can be appealed from Account Quality.");
  const live = f.campaigns.filter((c) => c.status === "ACTIVE");
  const allBlocked = live.some((c) => {
    const ads = f.ads.filter((a) => a.campaignId === c.id);
    return ads.length > 0 && ads.every((a) => a.blocked);
  });
  return { explanation: `${blocked.length} of ${f.ads.length} ads are not delivering. ${lines.join(" ")}`, fixes, proposePause: allBlocked };
}

export function registerAdsOpsGenerator(): void {
  registerOfflineGenerator(ADS_OPS_PURPOSE, (input: OfflineGeneratorInput) => offlineAdsOps(readFacts<AdsOpsFacts>(input.lastUserMessage)));
}
