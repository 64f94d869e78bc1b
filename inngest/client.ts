import { Inngest } from "inngest";
import { env, isInngestDev, type Env } from "@/env";
import { DepsMiddleware } from "./middleware";

/**
 * Dev mode (the local Dev Server, no signatures) when INNGEST_DEV says so, or outside production
 * when no signing key is configured. Production without keys already failed env validation,
 * which names the missing variable.
 */
export function resolveInngestMode(e: Pick<Env, "INNGEST_DEV" | "NODE_ENV" | "INNGEST_SIGNING_KEY">): "dev" | "cloud" {
  if (e.INNGEST_DEV !== undefined) return isInngestDev(e.INNGEST_DEV) ? "dev" : "cloud";
  return e.NODE_ENV !== "production" && !e.INNGEST_SIGNING_KEY ? "dev" : "cloud";
}

export const inngest = new Inngest({
  id: "aigency",
  isDev: resolveInngestMode(env()) === "dev",
  middleware: [DepsMiddleware],
});
