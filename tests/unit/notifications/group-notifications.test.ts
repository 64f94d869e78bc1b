import { describe, expect, it } from "vitest";
import { groupNotifications, type BellItem } from "@/components/notifications/group-notifications";
import { emailAllowed } from "@/server/notifications/email-preferences";

const item = (id: string, createdAt: Date, read = false): BellItem => ({ id, type: "ALERT", title: id, body: "", link: null, read, createdAt: createdAt.toISOString() });

describe("the bell's groups", () => {
  it("puts today's first, then earlier ones, newest first within each, read ones included", () => {
    const now = new Date(2026, 10, 10, 15, 0);
    const groups = groupNotifications(
      [item("yesterday", new Date(2026, 10, 9, 23, 59), true), item("morning", new Date(2026, 10, 10, 8, 0)), item("midnight", new Date(2026, 10, 10, 0, 0)), item("last-week", new Date(2026, 10, 3, 12, 0)), item("noon", new Date(2026, 10, 10, 12, 0), true)],
      now,
    );
    expect(groups.map((g) => [g.label, g.items.map((i) => i.id)])).toEqual([
      ["Today", ["noon", "morning", "midnight"]],
      ["Earlier", ["yesterday", "last-week"]],
    ]);
  });

  it("leaves out an empty group", () => {
    const now = new Date(2026, 10, 10, 15, 0);
    expect(groupNotifications([item("old", new Date(2026, 10, 1))], now).map((g) => g.label)).toEqual(["Earlier"]);
    expect(groupNotifications([], now)).toEqual([]);
  });
});

describe("emailAllowed", () => {
  it.each([
    ["ALL", "weekly-report", true],
    ["ALL", "approval-needed", true],
    ["IMPORTANT", "weekly-report", false],
    ["IMPORTANT", "plan-reminder", false],
    ["IMPORTANT", "approval-needed", true],
    ["IMPORTANT", "action-approval-needed", true],
    ["IMPORTANT", "ad-account-status", true],
    ["IMPORTANT", "token-expiring", true],
    ["IMPORTANT", "deploy-failed", true],
    ["IMPORTANT", "campaign-live", true],
    ["NONE", "approval-needed", false],
    ["NONE", "weekly-report", false],
  ] as const)("%s lets %s through: %s", (level, template, allowed) => {
    expect(emailAllowed(level, template)).toBe(allowed);
  });
});
