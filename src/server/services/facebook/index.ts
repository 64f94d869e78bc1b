import type { Env } from "@/env";
import type { Db } from "@/server/db/client";
import type { ServiceStatus } from "../types";
import { createGraphAdPlatform } from "./graph";
import { createSimulatedAdPlatform } from "./simulated";
import { GRAPH_API_VERSION, type AdPlatform } from "./types";

export * from "./types";
export type { GeoLocationMatch, GeoSearchQuery } from "./geo-search";
export { createGraphAdPlatform, type GraphAdPlatformOptions } from "./graph";
export { appSecretProof } from "./graph-client";
export { createSimulatedAdPlatform, simulatedAdAccountsFor, SIMULATED_AD_ACCOUNTS, SIMULATED_PAGE, SIMULATED_TOKEN_PREFIX } from "./simulated";
export { decodeSimulatedLeadgenId, simulatedLead, simulatedLeadFormId, simulatedLeadgenId, type SimulatedLeadgenParts } from "./simulated-leads";
export {
  addSimulatedFault,
  listSimulatedObjects,
  simulatedFaultInput,
  SIMULATED_OPERATIONS,
  type SimulatedFaultInput,
  type SimulatedOperation,
} from "./simulated-store";
export { classifyGraphError, parseRetryAfterMs, parseUsagePercent, type GraphErrorClass } from "./transform";

/** The Graph API when a Facebook app is configured (FACEBOOK_APP_ID + SECRET), else the simulated account. */
export function createAdPlatform(input: { env: Env; db: Db; fetch?: typeof fetch }): AdPlatform {
  const { env, db } = input;
  if (!env.FACEBOOK_APP_ID || !env.FACEBOOK_APP_SECRET) return createSimulatedAdPlatform({ db });
  return createGraphAdPlatform({
    appId: env.FACEBOOK_APP_ID,
    appSecret: env.FACEBOOK_APP_SECRET,
    graphUrl: env.FACEBOOK_GRAPH_URL,
    fetch: input.fetch,
  });
}

export function describeAdPlatform(env: Env): ServiceStatus {
  if (!env.FACEBOOK_APP_ID) {
    return {
      service: "facebook",
      implementation: "Simulated ad account",
      simulated: true,
      detail: "Objects stored locally with generated insights; set FACEBOOK_APP_ID and FACEBOOK_APP_SECRET for Graph",
    };
  }
  return { service: "facebook", implementation: "Graph API", simulated: false, detail: `version ${GRAPH_API_VERSION}` };
}
