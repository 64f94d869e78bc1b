import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { adAccountStates } from "@/server/db/schema";
import { loadAccountState, recordAccountStanding } from "@/server/webhooks/ad-account-states";
import { readAccountStanding, type AccountStanding } from "@/server/webhooks/account-status";
import { freshAccountNumber, runStatusHandler, seedAccountUser, statusChange, toldAbout, openWebhookTestDb } from "./support";

const handle = openWebhookTestDb();

const T0 = 1_790_000_000; // Facebook's entry time (unix seconds)
const state = (organizationId: string, accountNumber: string) => loadAccountState(handle.db, { organizationId, adAccountId: `act_${accountNumber}` });
const sentNames = (sent: { payload: unknown }[]) => sent.flatMap((s) => [s.payload].flat() as { name: string; id?: string }[]);

describe("webhooks-handle-ad-account-status", () => {
  it("pauses the account's automation on DISABLED and tells the owner once: one message, one notification, one email", async () => {
    const n = freshAccountNumber();
    const c = await seedAccountUser(handle.db, "Disabled", n);
    const { result, sent } = await runStatusHandler(statusChange(n, 2, T0, { value: { account_id: n, account_status: 2, disable_reason: 1 } }));
    expect(result).toMatchObject({ recorded: [{ organizationId: c.organizationId, result: "paused" }], told: 1 });
    expect(await state(c.organizationId, n)).toMatchObject({
      automation: "PAUSED",
      facebookStatus: "DISABLED",
      facebookStatusCode: 2,
      reason: "Facebook found ads that break its advertising policies",
      reportedAt: new Date(T0 * 1000),
    });
    const told = await toldAbout(handle.db, c.organizationId);
    expect(told.messages).toHaveLength(1);
    expect(told.messages[0]!.conversationId).toBe(c.conversationId);
    expect(told.messages[0]!.content).toContain("Facebook disabled your ad account because Facebook found ads that break its advertising policies.");
    expect(told.messages[0]!.content).toContain("Account Quality");
    expect(told.notifications).toMatchObject([{ userId: c.owner.userId, title: "Facebook disabled your ad account", link: `/projects/${c.projectId}` }]);
    expect(told.emails).toMatchObject([{ to: c.owner.email, subject: "Facebook disabled your ad account" }]);
    expect(told.emails[0]!.text).toContain("What to do: Open Account Quality");
    expect(told.emails[0]!.text).toContain("What this means for your campaigns: Your ads are not running");
    expect(sentNames(sent)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: "notification/created" }),
        expect.objectContaining({ name: "facebook/ad-account.automation-paused", id: `ad-account-paused-${c.organizationId}-act_${n}-${T0}-2` }),
      ]),
    );
  });

  it("a redelivery of the same change adds nothing", async () => {
    const n = freshAccountNumber();
    const c = await seedAccountUser(handle.db, "Redelivered", n);
    await runStatusHandler(statusChange(n, 3, T0));
    const again = await runStatusHandler(statusChange(n, 3, T0));
    expect(again.result).toMatchObject({ recorded: [{ result: "stale" }] });
    const told = await toldAbout(handle.db, c.organizationId);
    expect([told.messages.length, told.notifications.length, told.emails.length]).toEqual([1, 1, 1]);
    expect(told.messages[0]!.content).toContain("Pay the outstanding balance");
  });

  it("three concurrent deliveries of one change: one state change, one message, one notification, one email", async () => {
    const n = freshAccountNumber();
    const c = await seedAccountUser(handle.db, "Racing", n);
    // The account was reported active before, so every racer starts from the same stored row.
    await runStatusHandler(statusChange(n, 1, T0 - 600));
    const runs = await Promise.all([0, 1, 2].map(() => runStatusHandler(statusChange(n, 101, T0))));
    const results = runs.flatMap((r) => (r.result as { recorded: { result: string }[] }).recorded.map((x) => x.result));
    expect(results.sort()).toEqual(["paused", "stale", "stale"]);
    const told = await toldAbout(handle.db, c.organizationId);
    expect([told.messages.length, told.notifications.length, told.emails.length]).toEqual([1, 1, 1]);
    expect(await state(c.organizationId, n)).toMatchObject({ automation: "PAUSED", facebookStatus: "CLOSED" });
  });

  it("three racing copies of the plain record (no engine in between) change the row and tell the owner once", async () => {
    const n = freshAccountNumber();
    const c = await seedAccountUser(handle.db, "Plain race", n);
    const standing = readAccountStanding({ object: "ad_account", entryId: n, value: { account_status: 2 } }) as AccountStanding;
    await recordAccountStanding(handle.db, { organizationId: c.organizationId, standing: { ...standing, code: 1, status: "ACTIVE", automation: "RUNNING" }, reportedAt: new Date((T0 - 60) * 1000) });
    const outcomes = await Promise.all([0, 1, 2].map(() => recordAccountStanding(handle.db, { organizationId: c.organizationId, standing, reportedAt: new Date(T0 * 1000) })));
    expect(outcomes.map((o) => o.result).sort()).toEqual(["paused", "stale", "stale"]);
    const told = await toldAbout(handle.db, c.organizationId);
    expect([told.messages.length, told.notifications.length]).toEqual([1, 1]);
  });

  it("resumes when the account is active again, and says so", async () => {
    const n = freshAccountNumber();
    const c = await seedAccountUser(handle.db, "Resumed", n);
    await runStatusHandler(statusChange(n, 2, T0));
    const { result, sent } = await runStatusHandler(statusChange(n, 1, T0 + 3600));
    expect(result).toMatchObject({ recorded: [{ result: "resumed" }], told: 1 });
    expect(await state(c.organizationId, n)).toMatchObject({ automation: "RUNNING", facebookStatus: "ACTIVE", reason: null });
    const told = await toldAbout(handle.db, c.organizationId);
    // Each chat message opens with its title line, like the agency's other messages, then what happened.
    expect(told.messages.map((m) => m.content.split("\n\n")[0])).toEqual(["Facebook disabled your ad account", "Your ad account is running again"]);
    expect(told.messages[1]!.content).toContain("Facebook says your ad account is in good standing again.");
    expect(told.notifications.map((x) => x.title).sort()).toEqual(["Facebook disabled your ad account", "Your ad account is running again"]);
    expect(told.emails.map((m) => m.subject).sort()).toEqual(["Facebook disabled your ad account", "Your ad account is running again"]);
    expect(sentNames(sent)).toEqual(expect.arrayContaining([expect.objectContaining({ name: "facebook/ad-account.automation-resumed" })]));
  });

  it("keeps running through IN_GRACE_PERIOD and tells nobody", async () => {
    const n = freshAccountNumber();
    const c = await seedAccountUser(handle.db, "Grace", n);
    const { result } = await runStatusHandler(statusChange(n, 9, T0));
    expect(result).toMatchObject({ recorded: [{ result: "recorded" }] });
    expect(await state(c.organizationId, n)).toMatchObject({ automation: "RUNNING", facebookStatus: "IN_GRACE_PERIOD" });
    expect((await toldAbout(handle.db, c.organizationId)).messages).toHaveLength(0);
  });

  it("ignores an older report arriving after a newer one", async () => {
    const n = freshAccountNumber();
    const c = await seedAccountUser(handle.db, "Late", n);
    await runStatusHandler(statusChange(n, 1, T0 + 60)); // newer: active
    const late = await runStatusHandler(statusChange(n, 2, T0)); // older: disabled
    expect(late.result).toMatchObject({ recorded: [{ result: "stale" }] });
    expect(await state(c.organizationId, n)).toMatchObject({ automation: "RUNNING", facebookStatus: "ACTIVE", reportedAt: new Date((T0 + 60) * 1000) });
    expect((await toldAbout(handle.db, c.organizationId)).notifications).toHaveLength(0);
  });

  it("reads the application topic (entry = the app) by the value's account id", async () => {
    const n = freshAccountNumber();
    const c = await seedAccountUser(handle.db, "App topic", n);
    const { result } = await runStatusHandler(statusChange(n, 3, T0, { object: "application", value: { account_id: `act_${n}`, account_status: 3 } }));
    expect(result).toMatchObject({ recorded: [{ organizationId: c.organizationId, result: "paused" }] });
  });

  it.each([
    ["a string code", (n: string) => ({ account_id: n, account_status: "2" })],
    ["an unknown code", (n: string) => ({ account_id: n, account_status: 55 })],
    ["a malformed account id", () => ({ account_id: "act_12x", account_status: 2 })],
    ["an object for a value", (n: string) => ({ account_id: n, account_status: { code: 2 } })],
  ])("changes nothing on %s: no throw, logged, the reason in the run output", async (_label, value) => {
    const n = freshAccountNumber();
    const c = await seedAccountUser(handle.db, "Odd", n);
    const { result, error } = await runStatusHandler(statusChange(n, "odd", T0, { value: value(n) }));
    expect(error).toBeUndefined();
    expect(result).toMatchObject({ ignored: expect.any(String) });
    expect(await state(c.organizationId, n)).toBeNull();
    expect((await toldAbout(handle.db, c.organizationId)).messages).toHaveLength(0);
  });

  it("changes nothing when the application topic's change has no account id", async () => {
    const { result, error } = await runStatusHandler(statusChange("1", 2, T0, { object: "application", value: { account_status: 2 } }));
    expect(error).toBeUndefined();
    expect(result).toEqual({ ignored: "no ad account id in the change" });
  });

  it("pauses every organization sharing the account, and leaves another organization's account alone", async () => {
    const shared = freshAccountNumber();
    const other = freshAccountNumber();
    const a = await seedAccountUser(handle.db, "Agency A", shared);
    const b = await seedAccountUser(handle.db, "Agency B", shared);
    const c = await seedAccountUser(handle.db, "Elsewhere", other);
    const { result } = await runStatusHandler(statusChange(shared, 2, T0));
    expect((result as { recorded: { organizationId: string }[] }).recorded.map((r) => r.organizationId).sort()).toEqual([a.organizationId, b.organizationId].sort());
    for (const org of [a, b]) {
      expect(await state(org.organizationId, shared)).toMatchObject({ automation: "PAUSED" });
      const told = await toldAbout(handle.db, org.organizationId);
      expect([told.messages.length, told.notifications.length, told.emails.length]).toEqual([1, 1, 1]);
    }
    expect(await state(c.organizationId, other)).toBeNull();
    expect(await handle.db.select().from(adAccountStates).where(eq(adAccountStates.organizationId, c.organizationId))).toHaveLength(0);
    expect((await toldAbout(handle.db, c.organizationId)).messages).toHaveLength(0);
  });

  it("an account nobody uses is acknowledged and changes nothing", async () => {
    const { result } = await runStatusHandler(statusChange(freshAccountNumber(), 2, T0));
    expect(result).toEqual({ ignored: "no organization uses this ad account" });
  });
});
