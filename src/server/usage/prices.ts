import { SANDBOX_MICROS_PER_SECOND } from "@/server/creative/limits";

/**
 * Agency-cost prices for what is not a model call, in micro-USD per unit. Model tokens are priced per model in
 * `services/llm/pricing.ts`. Figures are list prices as of 2026-11; adjust here, never at call sites.
 */

/**
 * Sandbox compute: the creative studio's documented Daytona rate (see `creative/limits.ts`), used for every
 * sandbox so one second costs the same whichever feature ran it.
 */
export const SANDBOX_MICRO_USD_PER_SECOND = SANDBOX_MICROS_PER_SECOND;

/** Object storage: Supabase Storage's $0.021 per GB-month, billed here once on write for one month. */
export const STORAGE_MICRO_USD_PER_GB = 21_000;

/** Email: Resend's Pro plan, $20 for 50,000 emails = $0.0004 per email. */
export const EMAIL_MICRO_USD_PER_EMAIL = 400;

const BYTES_PER_GB = 1_000_000_000;

export const sandboxCostMicroUsd = (seconds: number): number => Math.round(seconds * SANDBOX_MICRO_USD_PER_SECOND);
export const storageCostMicroUsd = (bytes: number): number =>
  Math.round((bytes / BYTES_PER_GB) * STORAGE_MICRO_USD_PER_GB);
export const emailCostMicroUsd = (count: number): number => count * EMAIL_MICRO_USD_PER_EMAIL;
