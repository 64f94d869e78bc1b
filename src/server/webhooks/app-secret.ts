import { createHash } from "node:crypto";
import type { Env } from "@/env";

type SecretEnv = Pick<Env, "FACEBOOK_APP_ID" | "FACEBOOK_APP_SECRET" | "APP_SIGNING_SECRET" | "BETTER_AUTH_SECRET">;

// A fixed development secret when nothing is configured: the simulated account and the endpoint run
// in the same installation, so they only need to agree; Graph is never involved in that mode.
const DEV_FALLBACK = "aigency-dev-webhook-secret";

/**
 * The secret webhook deliveries are signed with. With Graph configured it is the Facebook app secret
 * (Facebook signs with it); in embedded mode the simulated account signs with a secret derived from
 * this installation's own signing secret, so no Facebook credential is needed and none is faked.
 */
export function webhookAppSecret(env: SecretEnv): string {
  if (env.FACEBOOK_APP_ID && env.FACEBOOK_APP_SECRET) return env.FACEBOOK_APP_SECRET;
  const base = env.APP_SIGNING_SECRET ?? env.BETTER_AUTH_SECRET ?? DEV_FALLBACK;
  return createHash("sha256").update(`facebook-webhook:${base}`).digest("hex");
}
