import { describe, expect, it } from "vitest";
import { accountTime, addDays, completeDays, daysBetween } from "@/server/performance/account-time";

describe("account time", () => {
  it.each([
    // New York is UTC-4 in summer, UTC-5 after the first Sunday of November.
    { at: "2026-11-02T05:30:00Z", zone: "America/New_York", expected: { day: "2026-11-02", hour: 0, minute: 30 } },
    { at: "2026-11-01T05:30:00Z", zone: "America/New_York", expected: { day: "2026-11-01", hour: 1, minute: 30 } },
    { at: "2026-11-01T03:59:00Z", zone: "America/New_York", expected: { day: "2026-10-31", hour: 23, minute: 59 } },
    { at: "2026-07-01T15:59:00Z", zone: "America/New_York", expected: { day: "2026-07-01", hour: 11, minute: 59 } },
    { at: "2026-11-30T23:30:00Z", zone: "Pacific/Auckland", expected: { day: "2026-12-01", hour: 12, minute: 30 } },
    { at: "2026-11-30T00:00:00Z", zone: "UTC", expected: { day: "2026-11-30", hour: 0, minute: 0 } },
  ])("$at is $expected.day $expected.hour:$expected.minute in $zone", ({ at, zone, expected }) => {
    expect(accountTime(new Date(at), zone)).toEqual(expected);
  });

  it("does calendar arithmetic across months and leap days", () => {
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(daysBetween("2026-10-25", "2026-11-01")).toBe(7);
  });

  it("judges the last 3 complete days: today's row is still filling", () => {
    expect(completeDays({ snapshotDate: "2026-11-10", today: "2026-11-10" })).toEqual(["2026-11-07", "2026-11-08", "2026-11-09"]);
    expect(completeDays({ snapshotDate: "2026-11-08", today: "2026-11-10" })).toEqual(["2026-11-06", "2026-11-07", "2026-11-08"]);
  });
});
