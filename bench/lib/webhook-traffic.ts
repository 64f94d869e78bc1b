import { signWebhookBody } from "../../src/server/webhooks/signature";
import type { DevServer } from "../../tests/e2e/support/dev-server-api";

/** A real-shaped delivery, different for every `n`: a lead, an ad account batch (two changes) or an account standing. */
export function sampleDelivery(n: number, tag: string): { body: string; changes: number } {
  const time = 1_764_600_000 + n;
  const account = String(1_000_000_000 + n);
  switch (n % 3) {
    case 0: {
      const value = { leadgen_id: `${tag}${n}`, form_id: "800000000000001", ad_id: "120210000000001", page_id: "110000000000001", created_time: time };
      return { body: JSON.stringify({ object: "page", entry: [{ id: "110000000000001", time, changes: [{ field: "leadgen", value }] }] }), changes: 1 };
    }
    case 1: {
      const changes = [
        { field: "with_issues_ad_objects", value: { id: `${tag}${n}`, level: "AD", error_code: 1815694, error_summary: "Ad disapproved", error_message: "Rejected" } },
        { field: "in_process_ad_objects", value: { id: `${tag}${n}`, level: "AD_SET", status_name: "PAUSED" } },
      ];
      return { body: JSON.stringify({ object: "ad_account", entry: [{ id: account, time, changes }] }), changes: 2 };
    }
    default: {
      const value = { account_id: account, account_status: 2, disable_reason: 1, tag };
      return { body: JSON.stringify({ object: "ad_account", entry: [{ id: account, time, changes: [{ field: "account_status", value }] }] }), changes: 1 };
    }
  }
}

/**
 * POSTs one signed delivery as Facebook does and returns how long the answer took (ms) and the status.
 * `secret: null` sends it unsigned: refused with 401 before parsing, so no engine call is made.
 */
export async function deliver(url: string, body: string, secret: string | null): Promise<{ ms: number; status: number }> {
  const started = performance.now();
  const res = await fetch(`${url}/api/webhooks/facebook`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(secret ? { "x-hub-signature-256": signWebhookBody(body, secret) } : {}) },
    body,
  });
  await res.arrayBuffer();
  return { ms: performance.now() - started, status: res.status };
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** How many events named `name` the Dev Server lists since `since` (its GraphQL `totalCount`; pages stop at 40). */
export async function countEvents(devServer: DevServer, name: string, since: Date): Promise<number> {
  const data = await devServer.gql<{ eventsV2: { totalCount: number } }>(
    `query($f: EventsFilter!) { eventsV2(first: 1, filter: $f) { totalCount } }`,
    { f: { from: since.toISOString(), eventNames: [name] } },
  );
  return data.eventsV2.totalCount;
}

/**
 * Of the (at most 40) newest events named `name` since `since`, how many started a run. The Dev
 * Server lists an event whose id it already had, but starts nothing for it: that is the dedupe.
 */
export async function eventsThatStartedRuns(devServer: DevServer, name: string, since: Date): Promise<{ listed: number; startedRuns: number }> {
  const data = await devServer.gql<{ eventsV2: { edges: { node: { runs: unknown[] } }[] } }>(
    `query($f: EventsFilter!) { eventsV2(first: 40, filter: $f) { edges { node { runs { id } } } } }`,
    { f: { from: since.toISOString(), eventNames: [name] } },
  );
  const edges = data.eventsV2.edges;
  return { listed: edges.length, startedRuns: edges.filter((e) => e.node.runs.length > 0).length };
}
