import { eventType } from "inngest";
import { z } from "zod";
import { id, tenant } from "./shared";

export const facebookAccountConnected = eventType("facebook/account.connected", {
  schema: z.object({ ...tenant, connectionId: id, userId: id, adAccountId: z.string().regex(/^act_\d+$/), projectId: id.optional() }),
});

/** Fan-out from the daily refresh cron: one event (and run) per connection whose token expires soon. */
export const facebookTokenRefreshRequested = eventType("facebook/token.refresh-requested", {
  schema: z.object({ ...tenant, connectionId: id }),
});

/**
 * After an encryption key rotation: moves every stored token to the current key (also runs daily).
 * `reason` is free text for the run's history, e.g. "rotated k1 to k2".
 */
export const facebookTokensReencryptRequested = eventType("facebook/tokens.reencrypt-requested", {
  schema: z.object({ reason: z.string().max(200).optional() }),
});
