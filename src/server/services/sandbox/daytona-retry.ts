import { DaytonaError } from "@daytonaio/sdk";
import { SandboxUnavailableError } from "./types";

export interface DaytonaRetryPolicy {
  /** Tries in all, the first included. */
  attempts: number;
  /** Backoff before try n+1 is `baseDelayMs * 2^(n-1)`, unless Retry-After asks for longer. */
  baseDelayMs: number;
  /** A Retry-After longer than this fails at once: a step should not sleep minutes inside one call. */
  maxRetryAfterMs: number;
}

export const DEFAULT_DAYTONA_RETRY: DaytonaRetryPolicy = {
  attempts: 3,
  baseDelayMs: 250,
  maxRetryAfterMs: 10_000,
};

export const httpStatus = (err: unknown): number | undefined =>
  err instanceof DaytonaError ? err.statusCode : undefined;

/** A conflict (sandbox busy changing state), rate limit or server error may pass if asked again. */
const isTransient = (status: number | undefined) => status === 409 || status === 429 || (status ?? 0) >= 500;

/** Retry-After in milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(err: unknown, now = Date.now()): number | undefined {
  if (!(err instanceof DaytonaError) || !err.headers) return undefined;
  const headers = err.headers as { get?: (name: string) => unknown } & Record<string, unknown>;
  const raw = String((typeof headers.get === "function" ? headers.get("retry-after") : headers["retry-after"]) ?? "");
  if (/^\d+$/.test(raw.trim())) return Number(raw.trim()) * 1000;
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Calls Daytona, retrying transient answers with a short backoff (Retry-After honoured), then fails
 * with a SandboxUnavailableError that names the operation. Anything else is rethrown as it came.
 */
export async function withDaytonaRetry<T>(operation: string, call: () => Promise<T>, policy: DaytonaRetryPolicy) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (err) {
      const status = httpStatus(err);
      if (!isTransient(status)) throw err;
      // A streamed reply (bulk download) reaches the SDK unread, and its message says only "[object Object]".
      const message = (err as Error).message;
      const detail = `HTTP ${status}${message && message !== "[object Object]" ? `: ${message}` : ""}`;
      const asked = retryAfterMs(err);
      if (asked !== undefined && asked > policy.maxRetryAfterMs) {
        throw new SandboxUnavailableError(
          `Daytona ${operation} refused (${detail}); it asks to retry after ${Math.ceil(asked / 1000)} s`,
          status,
        );
      }
      if (attempt >= policy.attempts) {
        throw new SandboxUnavailableError(`Daytona ${operation} failed after ${attempt} attempts (${detail})`, status);
      }
      const backoff = policy.baseDelayMs * 2 ** (attempt - 1);
      await new Promise((resolve) => setTimeout(resolve, Math.max(backoff, asked ?? 0)));
    }
  }
}
