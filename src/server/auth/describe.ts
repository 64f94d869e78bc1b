import type { Env } from "@/env";

export interface AuthStatus {
  implementation: string;
  secretSource: "BETTER_AUTH_SECRET" | "dev secret file" | "ephemeral test secret";
  detail: string;
}

/** For the status page: where the session-signing secret comes from (never the secret itself). */
export function describeAuth(env: Env): AuthStatus {
  const implementation = "better-auth (email + password) on the app database";
  if (env.BETTER_AUTH_SECRET) {
    return { implementation, secretSource: "BETTER_AUTH_SECRET", detail: "Secret from the environment" };
  }
  if (env.NODE_ENV === "test") {
    return { implementation, secretSource: "ephemeral test secret", detail: "Random per process" };
  }
  return {
    implementation,
    secretSource: "dev secret file",
    detail: "Development secret generated and kept in the data directory; set BETTER_AUTH_SECRET for anything real",
  };
}
