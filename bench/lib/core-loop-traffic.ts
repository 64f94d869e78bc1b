import type http from "node:http";
import { requestScope } from "./core-loop-fakes";

export interface Exchange {
  /** "in": the Dev Server calling the serve handler; "out": the SDK (or the bench's own sends) calling the Dev Server. */
  direction: "in" | "out";
  what: string;
  startedAt: number;
  endedAt?: number;
}

/** Both directions of engine traffic, timestamped, so one loop's share can be cut out by time. */
export class TrafficLog {
  readonly exchanges: Exchange[] = [];
  inFlight = 0;
  lastActivityAt = Date.now();

  between(from: number, to = Infinity, direction?: Exchange["direction"]): Exchange[] {
    return this.exchanges.filter((e) => e.startedAt >= from && e.startedAt <= to && (!direction || e.direction === direction));
  }

  /** Resolves once no exchange is in flight and none started for `idleMs` (the loop's runs have settled). */
  async settle(idleMs: number, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.inFlight > 0 || Date.now() - this.lastActivityAt < idleMs) {
      if (Date.now() > deadline) throw new Error(`engine traffic did not settle within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  track(direction: Exchange["direction"], what: string): () => void {
    const exchange: Exchange = { direction, what, startedAt: Date.now() };
    this.exchanges.push(exchange);
    this.inFlight += 1;
    this.lastActivityAt = exchange.startedAt;
    return () => {
      exchange.endedAt = Date.now();
      this.inFlight -= 1;
      this.lastActivityAt = exchange.endedAt;
    };
  }
}

/**
 * Counts every call to the Dev Server's event and execution APIs. Must run before the product's
 * Inngest client is constructed: the SDK binds `globalThis.fetch` at construction. The bench's own
 * read-only polling (GraphQL, REST v2 runs) is left out: it is observation, not orchestration.
 */
export function countOutgoingEngineCalls(devServerUrl: string, log: TrafficLog): void {
  const original = globalThis.fetch;
  globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : input.toString());
    const observed = url.origin === new URL(devServerUrl).origin && !/^\/(v0\/gql|api\/v2\/|health)/.test(url.pathname);
    const done = observed ? log.track("out", url.pathname.replace(/\/[0-9A-HJKMNP-TV-Z]{26}(?=\/|$)/g, "/:runId")) : undefined;
    try {
      return await original(input, init);
    } finally {
      done?.();
    }
  };
}

/** Wraps the serve handler: counts each Dev Server → app request and attributes the work inside to its function. */
export function countIncoming(handler: http.RequestListener, log: TrafficLog): http.RequestListener {
  return (req, res) => {
    const url = new URL(req.url ?? "/", "http://bench.local");
    const fnId = url.searchParams.get("fnId") ?? `${req.method} (no fnId)`;
    const done = log.track("in", fnId);
    res.once("close", done);
    requestScope.run({ fnId }, () => handler(req, res));
  };
}
