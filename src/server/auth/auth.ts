import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { env as readEnv, type Env } from "@/env";
import { getDeps } from "@/server/deps";
import type { Db } from "@/server/db";
import { accounts, sessions, users, verifications } from "@/server/db/schema";
import { provisionOrganization } from "./organization";
import { resolveAuthSecret } from "./secret";

/**
 * better-auth on our own database and tables. Email + password only for now.
 *
 * Organization provisioning: user + credential account are written in one better-auth
 * transaction; the organization and OWNER membership are written in a second transaction by the
 * `user.create.after` hook, which better-auth runs right after the first commits. If the process
 * dies between the two, `getViewer` calls the same idempotent `provisionOrganization`, so no
 * signed-in user is ever served without an organization. (Doing it inside better-auth's own
 * transaction would need our tenancy tables registered as better-auth models.)
 */
export function createAuth(input: { db: Db; env: Env }) {
  const { db, env } = input;
  const { secret } = resolveAuthSecret(env);
  return betterAuth({
    appName: "Aigency",
    baseURL: env.APP_URL,
    trustedOrigins: [env.APP_URL],
    secret,
    database: drizzleAdapter(db, {
      provider: "pg",
      schema: { user: users, session: sessions, account: accounts, verification: verifications },
      transaction: true,
    }),
    emailAndPassword: { enabled: true, autoSignIn: true, minPasswordLength: 8 },
    advanced: { database: { generateId: () => crypto.randomUUID() } },
    databaseHooks: {
      user: {
        create: {
          after: async (user) => {
            await provisionOrganization(db, user);
          },
        },
      },
    },
  });
}

export type Auth = ReturnType<typeof createAuth>;

// One instance per database: tests swap the db with setDeps() and must get an auth bound to it.
const instances = new WeakMap<Db, Auth>();

export function authFor(db: Db): Auth {
  let auth = instances.get(db);
  if (!auth) {
    auth = createAuth({ db, env: readEnv() });
    instances.set(db, auth);
  }
  return auth;
}

/** The auth instance for the current deps, built on first use (never at import time). */
export async function getAuth(): Promise<Auth> {
  const { db } = await getDeps();
  return authFor(db);
}
