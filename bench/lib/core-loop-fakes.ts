import { AsyncLocalStorage } from "node:async_hooks";
import type { Services } from "../../src/server/services/types";

/**
 * Which Inngest function a serve request is executing (`fnId` query parameter), carried through the
 * handler's async work so each fake call can be attributed to the function that made it.
 */
export const requestScope = new AsyncLocalStorage<{ fnId: string }>();

export interface ExternalCall {
  service: string;
  method: string;
  fnId: string;
  startedAt: number;
  endedAt: number;
}

/** Every call the fakes received, plus the latency they add; `latencyMs` may change between loops. */
export class CallLog {
  latencyMs = 0;
  readonly calls: ExternalCall[] = [];

  since(at: number): ExternalCall[] {
    return this.calls.filter((c) => c.startedAt >= at);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// The methods that would cross the network in the real implementations; anything else passes through.
const EXTERNAL_METHODS: Record<keyof Omit<Services, "sandbox">, string[]> = {
  llm: ["generateObject", "streamText"],
  storage: ["put", "get", "signedUrl", "remove"],
  mail: ["deliver"],
  facebook: [
    "exchangeCode", "extendToken", "listAdAccounts", "listPages", "createCampaign", "createAdSet",
    "uploadImage", "createCreative", "createAd", "updateStatus", "getInsights",
  ],
};

/** Wraps one embedded service so each external call first waits `log.latencyMs`, then runs the embedded code. */
function delayed<T extends object>(service: string, target: T, methods: string[], log: CallLog): T {
  return new Proxy(target, {
    get(obj, prop, receiver) {
      const value = Reflect.get(obj, prop, receiver) as unknown;
      if (typeof prop !== "string" || typeof value !== "function" || !methods.includes(prop)) return value;
      return async (...args: unknown[]) => {
        const startedAt = Date.now();
        if (log.latencyMs > 0) await sleep(log.latencyMs);
        try {
          return await (value as (...a: unknown[]) => Promise<unknown>).apply(obj, args);
        } finally {
          const fnId = requestScope.getStore()?.fnId ?? "outside-a-run";
          log.calls.push({ service, method: prop, fnId, startedAt, endedAt: Date.now() });
        }
      };
    },
  });
}

/** The embedded services (offline model, local storage, outbox mail, simulated Facebook) behind latency fakes. */
export function withLatency(base: Services, log: CallLog): Services {
  return {
    llm: delayed("llm", base.llm, EXTERNAL_METHODS.llm, log),
    storage: delayed("storage", base.storage, EXTERNAL_METHODS.storage, log),
    mail: delayed("mail", base.mail, EXTERNAL_METHODS.mail, log),
    facebook: delayed("facebook", base.facebook, EXTERNAL_METHODS.facebook, log),
    // The core loop never reaches the sandbox; left as is so an unexpected call would show up as a difference.
    sandbox: base.sandbox,
  };
}
