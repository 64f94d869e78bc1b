import type { SnapshotObjectType } from "@/server/db/schema/performance";

/** One object's numbers for one day, as stored in `performance_snapshots` (the fields the logic reads). */
export interface SnapshotRow {
  objectType: SnapshotObjectType;
  objectId: string;
  parentObjectId: string | null;
  date: string; // YYYY-MM-DD, ad account day
  spendCents: number;
  impressions: number;
  reach: number;
  clicks: number;
  ctr: number; // percent
  frequency: number;
  conversions: number;
  conversionValueCents: number;
  costPerConversionCents: number | null;
  roas: number | null;
  objectStatus: string | null;
  effectiveStatus: string | null;
  dailyBudgetCents: number | null;
  creativeId: string | null;
  pulledAt: Date;
}

/** What detection and the rules know about the campaign beyond its numbers. */
export interface CampaignContext {
  campaignId: string;
  projectId: string;
  currency: string;
  /** IANA zone of the ad account: "today" and "midday" are read there. */
  timezone: string;
  fbCampaignId: string;
  /** When it went live (first activation). */
  activatedAt: Date;
  /** Sum of the ad sets' daily budgets as last pulled (hundredths). */
  totalDailyBudgetCents: number;
  /**
   * First account day the campaign spent (its earliest snapshot with spend > 0), when known beyond the
   * loaded rows: weeks are counted from it. Absent = the earliest spending row among the rows given.
   */
  startDate?: string;
  /** Ads a person paused in Ads Manager, or Facebook disapproved: never counted, never turned back on. */
  excludedAdIds?: string[];
  /** Campaign, ad sets or ads a person turned off outside Aigency: no rule touches them or anything under them. */
  heldObjectIds?: string[];
  /** The project's spend this month against the brief's monthly budget; absent when it cannot be known (no brief, no rate). */
  monthToDate?: MonthToDate;
}

/** In the campaign's currency: the brief's monthly budget and the project's campaigns' spend per account day this month. */
export interface MonthToDate {
  monthlyBudgetCents: number;
  /** One entry per account day with a campaign-level row, summed over the project's campaigns. */
  dailySpend: { date: string; spendCents: number }[];
}

export type ChangeCondition = "LOW_ROAS" | "LOW_CTR" | "BUDGET_PACING" | "MONTHLY_BUDGET_LOW" | "STANDOUT_AD" | "WEEK_COMPLETED";

/** A significant change worth telling the owner about, in plain words. */
export interface Detection {
  condition: ChangeCondition;
  /** The account day it is about: alerts are deduplicated per campaign, condition and day. */
  day: string;
  objectId?: string;
  /** Short, jargon-free: what happened, what it means, what the agency will do. */
  title: string;
  message: string;
  details: Record<string, unknown>;
}
