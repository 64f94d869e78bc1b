import { describe, expect, it } from "vitest";
import { dailyCapMessage } from "@/server/appgen/jobs";

describe("dailyCapMessage", () => {
  const now = new Date("2026-12-02T12:00:00.000Z");
  const after = (ms: number) => new Date(now.getTime() + ms);

  it("says how many, the time the next place opens, and how long that is in minutes or hours", () => {
    expect(dailyCapMessage(after(30_000), now)).toBe(
      "You have started 5 app generations in the last 24 hours, the most allowed. The next one can start at 2026-12-02T12:00:30.000Z (in 1 minute).",
    );
    expect(dailyCapMessage(after(42 * 60_000), now)).toMatch(/\(in 42 minutes\)\.$/);
    expect(dailyCapMessage(after(5.4 * 3_600_000), now)).toMatch(/at 2026-12-02T17:24:00\.000Z \(in about 5 hours\)\.$/);
  });
});
