/** The product features a ledger row is billed to; the usage page groups by these. */
export const USAGE_FEATURES = [
  "onboarding-chat",
  "agent-chat",
  "campaign-plan",
  "weekly-report",
  "creative",
  "app-generation",
  "agent-tasks",
  "optimization",
  "notifications",
  "unattributed",
] as const;

export type UsageFeature = (typeof USAGE_FEATURES)[number];
