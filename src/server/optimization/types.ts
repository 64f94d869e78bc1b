import type { ActionValues } from "@/server/db/schema/optimization";
import type { CampaignContext, SnapshotRow } from "@/server/performance/types";

export type ActionKind =
  | "PAUSE_AD"
  | "SHIFT_BUDGET"
  | "ROTATE_CREATIVE"
  | "PAUSE_CAMPAIGN"
  | "RAISE_BUDGET"
  | "LAUNCH_CAMPAIGN"
  | "CHANGE_AUDIENCE"
  | "RESUME_CAMPAIGN"
  | "CHANGE_BUDGET";

export type RuleId =
  | "low-ctr-ad"
  | "budget-to-best-adset"
  | "creative-fatigue"
  | "unprofitable-campaign"
  | "scale-winner"
  | "audience-saturated"
  | "new-campaign-for-winner"
  // The owner asked the agent in the conversation; always an approval.
  | "owner-request";

/** The organization's autonomy settings (see `autonomy_policies`). */
export interface AutonomyPolicy {
  autonomousMaxPercent: number;
  blockAbovePercent: number;
  suggestOnly: boolean;
  dryRun: boolean;
  dailyCapCents: number;
  cooldownHours: number;
}

/** A ledger entry the rules must respect (cooldowns, one budget change a day, the daily cap). */
export interface HistoryEntry {
  kind: ActionKind;
  /** Every object it touches; for PAUSE_AD and ROTATE_CREATIVE the first is the ad it pauses, the second the one it turns on. */
  objectIds: string[];
  status: string;
  moneyMovedCents: number;
  /** When it was applied, or proposed when not applied yet. */
  at: Date;
  /** True when a person had to approve it: those do not count against the autonomous daily cap. Absent = counted. */
  requiresApproval?: boolean;
  /** The statuses and budgets it sets; absent = read from `kind` and `objectIds` as above. */
  after?: ActionValues;
}

export interface ProposedAction {
  rule: RuleId;
  kind: ActionKind;
  objectType: "campaign" | "adset" | "ad";
  objectId: string;
  objectIds: string[];
  reason: string;
  projectedEffect: string;
  before: ActionValues;
  after: ActionValues;
  moneyMovedCents: number;
  budgetChangePercent: number;
  snapshotDate: string;
  idempotencyKey: string;
}

/** Where the policy put an action, with the reason in plain words when it was not autonomous. */
export interface Decision extends ProposedAction {
  disposition: "autonomous" | "approval" | "blocked" | "dry-run";
  policyNote?: string;
}

export interface EvaluationInput {
  /** Latest day's rows of the campaign's objects (campaign, ad sets, ads). */
  snapshots: SnapshotRow[];
  /** Earlier days' rows of the same objects (for trends and sufficiency). */
  previous: SnapshotRow[];
  campaign: CampaignContext;
  policy: AutonomyPolicy;
  /** The organization's ledger for the last days: cooldowns and the daily cap read it. */
  history: HistoryEntry[];
  now: Date;
}

export interface EvaluationResult {
  autonomous: Decision[];
  approval: Decision[];
  blocked: Decision[];
  dryRun: Decision[];
  /** Things to tell the owner that are not changes (e.g. ads tiring with no alternative creative). */
  notices: Notice[];
}

export interface Notice {
  rule: RuleId;
  objectId: string;
  title: string;
  message: string;
}
