import { DaytonaError } from "@daytonaio/sdk";
import { describe, expect, it, vi } from "vitest";
import { retryAfterMs, withDaytonaRetry } from "@/server/services/sandbox/daytona-retry";
import { SandboxUnavailableError } from "@/server/services/sandbox/types";

const policy = { attempts: 3, baseDelayMs: 1, maxRetryAfterMs: 5_000 };
const answer = (status: number, headers: Record<string, string> = {}) =>
  // The SDK passes axios' headers object; a plain lower-cased record stands in for it here (the
  // integration tests send a real Retry-After through the SDK).
  new DaytonaError(`status ${status}`, status, headers as never);

describe("retryAfterMs", () => {
  const now = Date.parse("2026-12-02T07:00:00Z");
  it("reads delta-seconds and HTTP dates", () => {
    expect(retryAfterMs(answer(429, { "retry-after": "3" }), now)).toBe(3000);
    expect(retryAfterMs(answer(503, { "retry-after": "Wed, 02 Dec 2026 07:00:05 GMT" }), now)).toBe(5000);
    expect(retryAfterMs(answer(503, { "retry-after": "Wed, 02 Dec 2026 06:00:00 GMT" }), now)).toBe(0);
  });

  it("is undefined when absent or unreadable", () => {
    expect(retryAfterMs(answer(429), now)).toBeUndefined();
    expect(retryAfterMs(answer(429, { "retry-after": "soon" }), now)).toBeUndefined();
    expect(retryAfterMs(new Error("plain"), now)).toBeUndefined();
  });
});

describe("withDaytonaRetry", () => {
  it("does not retry what asking again cannot fix (400, 401, 404)", async () => {
    for (const status of [400, 401, 404]) {
      const error = answer(status);
      const call = vi.fn(() => Promise.reject(error));
      await expect(withDaytonaRetry("upload", call, policy)).rejects.toBe(error);
      expect(call).toHaveBeenCalledTimes(1);
    }
  });

  it("retries 409/429/5xx and answers the first success", async () => {
    const call = vi
      .fn<() => Promise<string>>()
      .mockRejectedValueOnce(answer(409))
      .mockRejectedValueOnce(answer(502))
      .mockResolvedValueOnce("ok");
    expect(await withDaytonaRetry("execute", call, policy)).toBe("ok");
    expect(call).toHaveBeenCalledTimes(3);
  });

  it("gives up with the status and the operation named", async () => {
    const err = await withDaytonaRetry("delete sandbox", () => Promise.reject(answer(500)), policy).catch((e) => e);
    expect(err).toBeInstanceOf(SandboxUnavailableError);
    expect(err).toMatchObject({
      status: 500,
      message: "Daytona delete sandbox failed after 3 attempts (HTTP 500: status 500)",
    });
  });
});
