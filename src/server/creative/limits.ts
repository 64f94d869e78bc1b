import type { CreativeStage, RegenerationPlan } from "@/server/db/schema/creative";

/** The plan's bar: a version takes at most 10 minutes end to end (the function's finish timeout backs this up). */
export const VERSION_BUDGET_MS = 10 * 60_000;
export const OVER_BUDGET_ERROR = "The version took longer than 10 minutes and was stopped";

/** Each stage's own cap; the time left in the version's budget can make it shorter. */
export const STAGE_TIMEOUT_SECONDS: Record<CreativeStage, number> = {
  research: 180,
  hooks: 150,
  "image-prompts": 90,
  images: 180,
};
export const STAGES: CreativeStage[] = ["research", "hooks", "image-prompts", "images"];

/** Below this, a stage cannot do useful work: the version is over budget. */
const MIN_STAGE_SECONDS = 5;

/** What a version may bring back out of its sandbox. */
export const DOWNLOAD_LIMITS = { maxFileBytes: 8 * 1024 * 1024, maxTotalBytes: 64 * 1024 * 1024 };

/**
 * Sandbox time, estimated for Daytona's default sandbox (1 vCPU at $0.0000140/s, 1 GiB memory at
 * $0.0000045/s, 3 GiB disk ≈ $0.0000001/s, per its published per-second pricing; re-check against the
 * current price list): 18.6 millionths of a dollar a second. The local sandbox is charged the same, so
 * an embedded run shows what it would cost in production.
 */
export const SANDBOX_MICROS_PER_SECOND = 18.6;

export function stagesNeeded(plan: RegenerationPlan): Set<CreativeStage> {
  const needed = new Set<CreativeStage>();
  if (plan.research) needed.add("research");
  if (plan.hooks !== "none") needed.add("hooks");
  if (plan.images !== "none") {
    needed.add("image-prompts");
    needed.add("images");
  }
  return needed;
}

export type StageTimeout = { ok: true; seconds: number; limitedByBudget: boolean } | { ok: false; error: string };

/** min(the stage's cap, the time left before the version's deadline), or over budget. */
export function stageTimeout(stage: CreativeStage, startedAtMs: number, nowMs: number): StageTimeout {
  const leftSeconds = Math.floor((startedAtMs + VERSION_BUDGET_MS - nowMs) / 1000);
  if (leftSeconds < MIN_STAGE_SECONDS) return { ok: false, error: OVER_BUDGET_ERROR };
  const cap = STAGE_TIMEOUT_SECONDS[stage];
  return { ok: true, seconds: Math.min(cap, leftSeconds), limitedByBudget: leftSeconds < cap };
}
