import { inngest } from "./client";

type Events = Parameters<typeof inngest.send>[0];
type Waiter = { events: Events; resolve: () => void; reject: (error: unknown) => void };

/**
 * Joins the sends of requests arriving within `windowMs` into one engine call: under a burst of
 * webhook deliveries, one POST of many events costs the engine far less than many POSTs of a few
 * (measured in bench/results/webhooks.json). Each caller still awaits its own events being accepted.
 * If the joined call fails, each caller's events are sent again on their own, so one bad delivery
 * cannot fail the others; an unreachable engine fails them all, as it would have anyway.
 */
export function createCoalescedSend(send: (events: Events) => Promise<unknown>, opts: { windowMs: number; maxEvents: number; maxBytes: number }) {
  let pending: Waiter[] = [];
  let count = 0;
  let bytes = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const settleAlone = (w: Waiter) => send(w.events).then(() => w.resolve(), w.reject);

  async function flush() {
    clearTimeout(timer);
    timer = undefined;
    const batch = pending;
    pending = [];
    count = 0;
    bytes = 0;
    if (batch.length === 1) return settleAlone(batch[0]!);
    try {
      await send(batch.flatMap((w) => (Array.isArray(w.events) ? w.events : [w.events])));
      for (const w of batch) w.resolve();
    } catch {
      await Promise.all(batch.map(settleAlone));
    }
  }

  /** `size`: roughly how many bytes the events weigh, so one call stays small enough for the engine. */
  return (events: Events, size = 0): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      pending.push({ events, resolve, reject });
      count += Array.isArray(events) ? events.length : 1;
      bytes += size;
      if (count >= opts.maxEvents || bytes >= opts.maxBytes) void flush();
      else timer ??= setTimeout(() => void flush(), opts.windowMs);
    });
}

/** The webhook endpoint's send: a 5 ms window, at most 500 events or about 1 MiB per engine call. */
export const sendWebhookEvents = createCoalescedSend(
  async (events) => {
    await inngest.send(events);
  },
  { windowMs: 5, maxEvents: 500, maxBytes: 1024 * 1024 },
);
