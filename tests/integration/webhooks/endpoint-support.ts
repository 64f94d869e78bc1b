import { vi } from "vitest";
import { env } from "@/env";
import { inngest } from "@/inngest/client";
import { webhookAppSecret } from "@/server/webhooks/app-secret";
import { signWebhookBody } from "@/server/webhooks/signature";

export const WEBHOOK_URL = "http://localhost:3000/api/webhooks/facebook";

/** The secret this installation verifies with (embedded mode in tests: derived, no Facebook app). */
export const appSecret = () => webhookAppSecret(env());

/** A POST as Facebook sends it: no Origin, no cookie, the body signed unless `signature` says otherwise. */
export function facebookPost(body: string | Uint8Array, opts: { signature?: string | null; headers?: Record<string, string> } = {}): Request {
  const headers = new Headers({ "content-type": "application/json", ...opts.headers });
  const signature = opts.signature === undefined ? signWebhookBody(body, appSecret()) : opts.signature;
  if (signature !== null) headers.set("x-hub-signature-256", signature);
  return new Request(WEBHOOK_URL, { method: "POST", headers, body: body as BodyInit });
}

export type SentEvent = { name: string; id?: string; data: Record<string, unknown> };

/**
 * Captures what the route hands the engine. Each event is validated against its catalogue schema,
 * exactly as the real `inngest.send` does before posting, so data the engine would refuse fails here.
 */
export function captureSends() {
  const calls: SentEvent[][] = [];
  const spy = vi.spyOn(inngest, "send").mockImplementation((async (payload: unknown) => {
    const events = (Array.isArray(payload) ? payload : [payload]) as (SentEvent & { validate?: () => Promise<unknown> })[];
    for (const e of events) await e.validate?.();
    calls.push(events.map(({ name, id, data }) => ({ name, id, data })));
    return { ids: events.map((e) => e.id ?? "") };
  }) as never);
  return { spy, calls, events: () => calls.flat() };
}

/** A real-shaped ad account delivery: a disapproved ad and a status set in Ads Manager. */
export function adAccountDelivery(opts: { accountId?: string; time?: number } = {}) {
  const accountId = opts.accountId ?? "1234567890";
  const time = opts.time ?? 1_764_600_000;
  return {
    object: "ad_account",
    entry: [
      {
        id: accountId,
        time,
        changes: [
          {
            field: "with_issues_ad_objects",
            value: { id: "120210000000001", level: "AD", error_code: 1815694, error_summary: "Ad disapproved", error_message: "Your ad was rejected" },
          },
          { field: "in_process_ad_objects", value: { id: "120210000000002", level: "AD_SET", status_name: "PAUSED" } },
        ],
      },
    ],
  };
}

export function leadgenDelivery(opts: { leadgenId?: string; pageId?: string } = {}) {
  const pageId = opts.pageId ?? "110000000000001";
  return {
    object: "page",
    entry: [
      {
        id: pageId,
        time: 1_764_600_100,
        changes: [
          {
            field: "leadgen",
            value: { leadgen_id: opts.leadgenId ?? "900000000000001", form_id: "800000000000001", ad_id: "120210000000001", page_id: pageId, created_time: 1_764_600_090 },
          },
        ],
      },
    ],
  };
}
