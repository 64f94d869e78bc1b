import { describe, expect, it } from "vitest";
import { renderEmail } from "@/server/mail/render-email";

describe("action-approval-needed email", () => {
  it("says what, why, that nothing changes without approval, and when it lapses; the reminder says so", async () => {
    const props = {
      projectName: "Corner Bakery",
      title: "Raise the daily budget by 50% (from $40 to $60)",
      reason: "For every $1 spent you got back $3.80 over the last 3 days.",
      projectedEffect: "About 12 more orders a week.",
      approveUrl: "http://a/projects/p1",
      expiresAt: "2026-12-03T10:00:00Z",
    };
    const first = await renderEmail("action-approval-needed", props);
    expect(first.subject).toBe("Approve a change for Corner Bakery?");
    expect(first.text).toContain("Raise the daily budget by 50% (from $40 to $60)");
    expect(first.text).toContain("you got back $3.80");
    expect(first.text).toContain("Nothing changes until you approve it");
    expect(first.text).toContain("Dec 3, 2026");
    expect(first.html).toContain('href="http://a/projects/p1"');
    const reminder = await renderEmail("action-approval-needed", { ...props, reminder: true });
    expect(reminder.subject).toBe("Reminder: Approve a change for Corner Bakery?");
    expect(reminder.text).toContain("A SUGGESTED CHANGE IS STILL WAITING FOR YOU");
  });
});
