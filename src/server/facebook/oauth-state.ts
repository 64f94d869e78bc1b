import { randomBytes } from "node:crypto";
import { and, eq, gt, isNull } from "drizzle-orm";
import { z } from "zod";
import { signPayload, verifySignedPayload } from "@/server/crypto/signed-token";
import type { Db } from "@/server/db";
import { oauthStates } from "@/server/db/schema";

export const OAUTH_STATE_TTL_MS = 10 * 60 * 1000;

const statePayload = z.object({
  n: z.string().min(16), // nonce, the oauth_states row id
  o: z.string().min(1), // organization
  u: z.string().min(1), // user
  p: z.string().min(1).nullable(), // project to return to
  e: z.number().int(), // expiry, epoch ms
});

export interface OAuthStateClaims {
  organizationId: string;
  userId: string;
  projectId: string | null;
}

/** Issues a signed, expiring, single-use state bound to who started the flow. */
export async function issueOAuthState(
  db: Db,
  opts: OAuthStateClaims & { secret: Buffer; now?: Date; ttlMs?: number },
): Promise<string> {
  const now = opts.now ?? new Date();
  const expiresAt = new Date(now.getTime() + (opts.ttlMs ?? OAUTH_STATE_TTL_MS));
  const nonce = randomBytes(18).toString("base64url");
  await db.insert(oauthStates).values({
    id: nonce,
    organizationId: opts.organizationId,
    userId: opts.userId,
    projectId: opts.projectId,
    expiresAt,
  });
  return signPayload(
    { n: nonce, o: opts.organizationId, u: opts.userId, p: opts.projectId, e: expiresAt.getTime() },
    opts.secret,
  );
}

export type ConsumeStateResult =
  | { ok: true; claims: OAuthStateClaims }
  | { ok: false; reason: "forged" | "expired" | "replayed" | "wrong-user"; message: string };

const refusal = (reason: Exclude<ConsumeStateResult, { ok: true }>["reason"], message: string) =>
  ({ ok: false, reason, message }) as const;

/**
 * Verifies the signature, the expiry and that the same user came back, then marks the nonce used
 * in one conditional UPDATE, so two concurrent callbacks with one state cannot both succeed.
 */
export async function consumeOAuthState(
  db: Db,
  opts: { state: string; secret: Buffer; userId: string; now?: Date },
): Promise<ConsumeStateResult> {
  const now = opts.now ?? new Date();
  const parsed = statePayload.safeParse(verifySignedPayload(opts.state, opts.secret));
  if (!parsed.success) return refusal("forged", "The Facebook sign-in link is not valid. Start the connection again.");
  const claims = parsed.data;
  if (claims.e <= now.getTime()) {
    return refusal("expired", "The Facebook sign-in link expired. Start the connection again.");
  }
  if (claims.u !== opts.userId) {
    return refusal("wrong-user", "This Facebook sign-in was started by another user. Start the connection again.");
  }
  const used = await db
    .update(oauthStates)
    .set({ usedAt: now })
    .where(and(eq(oauthStates.id, claims.n), isNull(oauthStates.usedAt), gt(oauthStates.expiresAt, now)))
    .returning({ id: oauthStates.id });
  if (used.length === 0) {
    return refusal("replayed", "This Facebook sign-in link was already used. Start the connection again.");
  }
  return { ok: true, claims: { organizationId: claims.o, userId: claims.u, projectId: claims.p } };
}
