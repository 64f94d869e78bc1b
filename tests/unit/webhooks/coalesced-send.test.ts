import { describe, expect, it, vi } from "vitest";
import { createCoalescedSend } from "@/inngest/coalesced-send";

type Ev = { name: string; data: { n: number } };
const ev = (n: number): Ev => ({ name: "test/x", data: { n } });

describe("createCoalescedSend", () => {
  it("joins sends arriving within the window into one call, and each caller awaits it", async () => {
    const send = vi.fn(async (_events: unknown) => {});
    const coalesced = createCoalescedSend(send, { windowMs: 5, maxEvents: 100, maxBytes: 1e6 });
    await Promise.all([coalesced([ev(1), ev(2)] as never), coalesced([ev(3)] as never), coalesced(ev(4) as never)]);
    expect(send).toHaveBeenCalledTimes(1);
    expect((send.mock.calls[0]![0] as Ev[]).map((e) => e.data.n)).toEqual([1, 2, 3, 4]);
    await coalesced([ev(5)] as never);
    expect(send).toHaveBeenCalledTimes(2);
  });

  it("flushes at once past the event or byte bound", async () => {
    const send = vi.fn(async (_events: unknown) => {});
    const coalesced = createCoalescedSend(send, { windowMs: 10_000, maxEvents: 3, maxBytes: 100 });
    await Promise.all([coalesced([ev(1), ev(2)] as never), coalesced([ev(3)] as never)]);
    await coalesced([ev(4)] as never, 200);
    expect(send).toHaveBeenCalledTimes(2);
  });

  it("when the joined call fails, sends each caller's events alone: only the bad one fails", async () => {
    const send = vi.fn(async (events: unknown) => {
      if ((events as Ev[]).some((e) => e.data.n === 2)) throw new Error("invalid event");
    });
    const coalesced = createCoalescedSend(send, { windowMs: 5, maxEvents: 100, maxBytes: 1e6 });
    const results = await Promise.allSettled([coalesced([ev(1)] as never), coalesced([ev(2)] as never), coalesced([ev(3)] as never)]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(send).toHaveBeenCalledTimes(4);
  });

  it("fails every caller when the engine is unreachable", async () => {
    const send = vi.fn(async () => Promise.reject(new Error("ECONNREFUSED")));
    const coalesced = createCoalescedSend(send, { windowMs: 5, maxEvents: 100, maxBytes: 1e6 });
    const results = await Promise.allSettled([coalesced([ev(1)] as never), coalesced([ev(2)] as never)]);
    expect(results.every((r) => r.status === "rejected")).toBe(true);
  });
});
