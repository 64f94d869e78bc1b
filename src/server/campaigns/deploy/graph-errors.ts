import { NonRetriableError, RetryAfterError } from "inngest";
import { GraphApiError } from "@/server/services/facebook/types";

export type GraphErrorClass = "rate-limit" | "transient" | "permanent";

// Throttling codes Graph returns in the error body, usually with HTTP 400, not 429.
const RATE_LIMIT_CODES = new Set([4, 17, 32, 613]);
const isAdsManagementThrottle = (code: number) => code >= 80000 && code <= 80014;
const DEFAULT_RATE_LIMIT_WAIT_MS = 60_000;

export function classifyGraphError(err: GraphApiError): GraphErrorClass {
  const { code, isTransient, httpStatus } = err.details;
  if (RATE_LIMIT_CODES.has(code) || isAdsManagementThrottle(code)) return "rate-limit";
  if (isTransient || httpStatus >= 500 || code === 1 || code === 2) return "transient";
  return "permanent";
}

/** A deployment error the user must act on (bad token, missing page, rejected object). */
export class DeployBlockedError extends NonRetriableError {
  constructor(message: string, readonly details: { code?: number; subcode?: number; isTransient?: boolean } = {}) {
    super(message);
    this.name = "DeployBlockedError";
  }
}

/**
 * Maps a Graph failure to how Inngest should retry the step: throttles wait as long as Graph asks
 * (X-Business-Use-Case-Usage), transient errors use normal backoff, everything else stops.
 */
export function toStepError(err: unknown): Error {
  if (!(err instanceof GraphApiError)) return err instanceof Error ? err : new Error(String(err));
  const kind = classifyGraphError(err);
  const label = `Facebook error ${err.details.code}${err.details.subcode ? `/${err.details.subcode}` : ""}: ${err.message}`;
  if (kind === "rate-limit") return new RetryAfterError(label, err.details.retryAfterMs ?? DEFAULT_RATE_LIMIT_WAIT_MS);
  if (kind === "transient") return new Error(label);
  return new DeployBlockedError(err.details.userMessage ?? label, {
    code: err.details.code,
    subcode: err.details.subcode,
    isTransient: err.details.isTransient,
  });
}
