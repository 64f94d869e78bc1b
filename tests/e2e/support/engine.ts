/**
 * The engine an e2e profile runs against, as the tests see it: where to send events and where to read
 * runs. The same tests run on the Dev Server (`e2e`) and on two `inngest start` nodes (`e2e-selfhost`).
 */
import { inject } from "vitest";
import type { BrowserChoice } from "./browser";
import { DevServer } from "./dev-server-api";

export interface EngineUnderTest {
  profile: "dev" | "selfhost";
  /** Where tests send events: the Dev Server's `/e/test`, node A's `/e/<event key>`. */
  eventUrl: string;
  /** Where runs are read (`/v0/gql`, REST v2): the Dev Server, node B. */
  gqlUrl: string;
  /** Bearer token for REST v2: none on the Dev Server, the SDK's signing key on `inngest start`. */
  apiToken?: string;
  /** The two nodes (selfhost only): the app syncs with and sends to B, tests send events to A. */
  nodes?: { a: { url: string; pid: number }; b: { url: string; pid: number } };
}

declare module "vitest" {
  export interface ProvidedContext {
    appUrl: string;
    /** The Dev Server on `e2e`; node B (the app's engine) on `e2e-selfhost`. */
    devServerUrl: string;
    databaseUrl: string | undefined;
    /** The app's DATA_DIR, absolute: its local storage and sandbox templates live under it. */
    dataDir: string;
    browser: BrowserChoice;
    engine: EngineUnderTest;
  }
}

/** Sends events and reads runs on whichever engine this profile runs (the one helper the tests use). */
export function engineApi(): DevServer {
  const engine = inject("engine");
  return new DevServer(engine.gqlUrl, { eventUrl: engine.eventUrl, apiToken: engine.apiToken });
}
