import { Inngest } from "inngest";
import { env, isInngestDev } from "@/env";
import { DepsMiddleware } from "./middleware";

/**
 * Dev mode (the local Dev Server, no signatures) when INNGEST_DEV is set, or outside production
 * when no signing key is configured. Production without keys fails in env validation, naming them.
 */
function devMode(): boolean | string {
  const e = env();
  if (e.INNGEST_DEV !== undefined) return isInngestDev(e.INNGEST_DEV);
  return e.NODE_ENV !== "production" && !e.INNGEST_SIGNING_KEY;
}

export const inngest = new Inngest({
  id: "aigency",
  isDev: Boolean(devMode()),
  middleware: [DepsMiddleware],
});
