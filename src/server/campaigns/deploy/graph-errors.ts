import { NonRetriableError, RetryAfterError } from "inngest";
import { classifyGraphError, GraphApiError, type GraphErrorKind } from "@/server/services/facebook/types";

export { classifyGraphError, type GraphErrorKind as GraphErrorClass };

/** Used only when Graph throttles us without saying for how long in any header. */
export const DEFAULT_RATE_LIMIT_WAIT_MS = 60_000;

/** What the owner reads when Facebook no longer accepts their login; the deploy resumes once they reconnect. */
export const RECONNECT_FACEBOOK_MESSAGE =
  "Facebook no longer accepts your login (it expired or was revoked). Reconnect Facebook and the launch continues where it stopped.";

export interface BlockedDetails {
  code?: number;
  subcode?: number;
  isTransient?: boolean;
  /** "auth": only a new Facebook login can unblock it. */
  kind?: GraphErrorKind;
}

/** A deployment error the user must act on (bad token, missing page, rejected object). */
export class DeployBlockedError extends NonRetriableError {
  constructor(message: string, readonly details: BlockedDetails = {}) {
    super(message);
    this.name = "DeployBlockedError";
  }
}

/** Graph's wording with its code, once: the GraphApiError message already carries "Graph API error N/M". */
const describe = (err: GraphApiError) => err.message;

/**
 * Maps a Graph failure to how Inngest should retry the step: throttles wait as long as Graph's headers
 * ask, transient errors (timeouts, 5xx) use normal backoff, an auth failure stops with "reconnect
 * Facebook", everything else stops with Graph's message for people when it sent one.
 */
export function toStepError(err: unknown): Error {
  if (!(err instanceof GraphApiError)) return err instanceof Error ? err : new Error(String(err));
  const { code, subcode, isTransient, retryAfterMs, userMessage } = err.details;
  switch (err.kind) {
    case "rate-limit":
      return new RetryAfterError(describe(err), retryAfterMs ?? DEFAULT_RATE_LIMIT_WAIT_MS);
    case "transient":
      return new Error(describe(err));
    case "auth":
      return new DeployBlockedError(RECONNECT_FACEBOOK_MESSAGE, { code, subcode, isTransient, kind: "auth" });
    default:
      return new DeployBlockedError(userMessage ?? describe(err), { code, subcode, isTransient, kind: "permanent" });
  }
}
