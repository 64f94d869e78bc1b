import { cron } from "inngest";
import { env } from "@/env";
import { inngest } from "@/inngest/client";
import { facebookTokensReencryptRequested } from "@/inngest/events";
import { loadKeyring } from "@/server/crypto/keys";
import { reencryptTokenBatch, type ReencryptBatch } from "@/server/facebook/reencrypt-tokens";

/**
 * Moves every stored Facebook token onto the current ENCRYPTION_KEY, one step per batch, so a
 * retired key can leave ENCRYPTION_KEYS once this has run. Send `facebook/tokens.reencrypt-requested`
 * right after a rotation; the daily run (before the token refresh) catches anything missed.
 */
export const reencryptTokens = inngest.createFunction(
  {
    id: "facebook-reencrypt-tokens",
    triggers: [facebookTokensReencryptRequested, cron("TZ=UTC 7 3 * * *")],
    // One pass at a time; a second request waits and then finds nothing left to do.
    concurrency: { limit: 1 },
    retries: 4,
  },
  async (ctx) => {
    const { step, deps } = ctx;
    const totals = { reencrypted: 0, changedMeanwhile: 0, unreadable: 0 };
    const missingKeyIds = new Set<string>();
    let afterId: string | null = null;
    for (let n = 0; ; n++) {
      const cursor: string | null = afterId;
      const batch = await step.run(`reencrypt-batch-${n}`, (): Promise<ReencryptBatch> =>
        reencryptTokenBatch(deps.db, { keyring: loadKeyring(env()), afterId: cursor }),
      );
      totals.reencrypted += batch.reencrypted;
      totals.changedMeanwhile += batch.changedMeanwhile;
      totals.unreadable += batch.unreadable.length;
      for (const u of batch.unreadable) missingKeyIds.add(u.keyId);
      if (batch.nextAfterId === null) break;
      afterId = batch.nextAfterId;
    }
    if (totals.unreadable > 0) {
      ctx.logger.error(
        `${totals.unreadable} Facebook token(s) are under key(s) ${[...missingKeyIds].join(", ")}, which are not configured: add them to ENCRYPTION_KEYS`,
      );
    }
    return { ...totals, missingKeyIds: [...missingKeyIds] };
  },
);
