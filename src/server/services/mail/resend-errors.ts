import { MailError } from "./types";

/** The shape of Resend's `error` field (the SDK resolves with it instead of throwing). */
export interface ResendErrorLike {
  name?: string;
  message?: string;
  statusCode?: number | null;
}

// Quotas reset on a calendar boundary; an Inngest retry minutes later would fail the same way.
const PERMANENT_NAMES = new Set(["daily_quota_exceeded", "monthly_quota_exceeded"]);

/**
 * Maps a Resend error to MailError. Rate limits, server errors and network failures (statusCode
 * null) are retryable; anything else is a request we must fix, so retrying would only repeat it.
 */
export function toMailError(error: ResendErrorLike): MailError {
  const name = error.name ?? "unknown_error";
  const statusCode = typeof error.statusCode === "number" ? error.statusCode : null;
  const retryable = !PERMANENT_NAMES.has(name) && (statusCode === null || statusCode === 429 || statusCode >= 500);
  return new MailError(`Resend ${name}: ${error.message ?? "no message"}`, name, statusCode, retryable);
}
