import { z } from "zod";
import type { BriefGoal } from "@/server/onboarding/brief-schema";

/** Calls to action we let a plan use: the subset of Graph's list that fits a small advertiser's ads. */
export const ALLOWED_CTAS = [
  "LEARN_MORE",
  "SHOP_NOW",
  "SIGN_UP",
  "CONTACT_US",
  "GET_QUOTE",
  "BOOK_NOW",
  "APPLY_NOW",
  "ORDER_NOW",
  "SUBSCRIBE",
  "DOWNLOAD",
  "INSTALL_MOBILE_APP",
] as const;

export const OBJECTIVES = ["OUTCOME_LEADS", "OUTCOME_SALES", "OUTCOME_TRAFFIC", "OUTCOME_APP_PROMOTION"] as const;
export type Objective = (typeof OBJECTIVES)[number];

/** The one objective each brief goal maps to; a plan with another objective breaks a rule. */
export const OBJECTIVE_FOR_GOAL: Record<BriefGoal, Objective> = {
  LEADS: "OUTCOME_LEADS",
  SALES: "OUTCOME_SALES",
  TRAFFIC: "OUTCOME_TRAFFIC",
  APP_INSTALLS: "OUTCOME_APP_PROMOTION",
};

// Shape only: limits that the model may get wrong (lengths, ages, budget) are rules in plan-rules.ts,
// so a violation can be named and sent back to the model instead of failing as unparseable JSON.
// Where an ad's words and image came from when the creative studio supplied them. Set in code after
// the rules pass (src/server/creative/lineage/apply-to-plan.ts), never taken from the model.
const adCreativeSchema = z.object({
  sessionId: z.string(),
  versionId: z.string(),
  hookId: z.string(),
  hookNumber: z.number().int(),
  imageArtifactId: z.string().nullable(),
});

const adSchema = z.object({
  name: z.string().min(1),
  headline: z.string(),
  primaryText: z.string(),
  cta: z.string(),
  imagePrompt: z.string(),
  creative: adCreativeSchema.optional(),
  // A studio hook kept PAUSED at deploy, for "rotate creative" to turn on when a running ad tires.
  reserve: z.boolean().optional(),
});

// A region or city by Facebook's geo key; set from the brief's location in code, never by the model.
const geoAreaSchema = z.object({ key: z.string(), name: z.string(), countryCode: z.string() });

const adSetSchema = z.object({
  name: z.string().min(1),
  targeting: z.object({
    countries: z.array(z.string()),
    regions: z.array(geoAreaSchema).optional(),
    cities: z.array(geoAreaSchema).optional(),
    ageMin: z.number().int(),
    ageMax: z.number().int(),
    interests: z.array(z.string()),
  }),
  ads: z.array(adSchema),
});

export const campaignPlanSchema = z.object({
  objective: z.enum(OBJECTIVES),
  name: z.string().min(1),
  dailyBudgetCents: z.number().int(),
  adSets: z.array(adSetSchema),
  /** Plain-language explanation shown above the approval card. */
  summary: z.string(),
  /** Set by the offline demo model so the card can say the plan is not from a real model. */
  simulated: z.boolean().optional(),
});

export type CampaignPlan = z.infer<typeof campaignPlanSchema>;
export type PlanAdSet = CampaignPlan["adSets"][number];
export type PlanAd = PlanAdSet["ads"][number];

/** The brief fields planning reads; a structural subset of the stored project brief. */
export interface PlanningBrief {
  id: string;
  version: number;
  businessDescription: string;
  product: string;
  targetAudience: string;
  goal: BriefGoal;
  /** In hundredths of budgetCurrency, which is the ad account's currency (converted before planning). */
  monthlyBudgetCents: number;
  budgetCurrency: string;
  /**
   * Daily budget (same currency) of the project's other campaigns that stay live alongside this plan:
   * the owner's budget covers all of them, so it lowers this plan's cap.
   */
  committedDailyCents?: number;
  location: string;
  uniqueSellingPoint: string;
  websiteUrl: string;
}

/** Our own stable key for each object, used as the key of every stored Facebook id map. */
export const adSetKey = (i: number) => `adset-${i}`;
export const adKey = (i: number, j: number) => `ad-${i}-${j}`;
