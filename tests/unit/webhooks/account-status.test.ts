import { describe, expect, it } from "vitest";
import { renderEmail } from "@/server/mail/render-email";
import { normaliseAdAccountId, readAccountStanding } from "@/server/webhooks/account-status";
import { pausedWords, resumedWords } from "@/server/webhooks/account-status-words";

const read = (value: Record<string, unknown>, object = "ad_account", entryId = "123") => readAccountStanding({ object, entryId, value });

describe("readAccountStanding", () => {
  it("maps every Graph code: stopping ones pause, ACTIVE / IN_GRACE_PERIOD / ANY_ACTIVE run", () => {
    const automation = Object.fromEntries(
      [1, 2, 3, 7, 8, 9, 100, 101, 201, 202].map((code) => {
        const s = read({ account_status: code });
        return "unusable" in s ? [code, s.unusable] : [s.status, s.automation];
      }),
    );
    expect(automation).toEqual({
      ACTIVE: "RUNNING", DISABLED: "PAUSED", UNSETTLED: "PAUSED", PENDING_RISK_REVIEW: "PAUSED", PENDING_SETTLEMENT: "PAUSED",
      IN_GRACE_PERIOD: "RUNNING", PENDING_CLOSURE: "PAUSED", CLOSED: "PAUSED", ANY_ACTIVE: "RUNNING", ANY_CLOSED: "PAUSED",
    });
  });

  it("normalises the account to act_<number> from the value, else from an ad_account entry", () => {
    expect(read({ account_id: "987", account_status: 2 })).toMatchObject({ adAccountId: "act_987" });
    expect(read({ account_id: 987, account_status: 2 })).toMatchObject({ adAccountId: "act_987" });
    expect(read({ account_status: 2 })).toMatchObject({ adAccountId: "act_123" });
    expect(read({ account_status: 2 }, "application", "555")).toEqual({ unusable: "no ad account id in the change" });
    expect(normaliseAdAccountId("act_42")).toBe("act_42");
    expect(normaliseAdAccountId("act_")).toBeNull();
    expect(normaliseAdAccountId(-1)).toBeNull();
  });

  it("puts the disable reason in plain words; none for 0 or an unknown reason", () => {
    expect(read({ account_status: 2, disable_reason: 3 })).toMatchObject({ reason: "there is a problem with the payment method", reasonCode: 3 });
    expect(read({ account_status: 2, disable_reason: 0 })).toMatchObject({ reason: null, reasonCode: null });
    expect(read({ account_status: 2, disable_reason: 999 })).toMatchObject({ reason: null, reasonCode: 999 });
  });

  it("refuses odd values with a reason instead of throwing", () => {
    expect(read({ account_status: "2" })).toEqual({ unusable: expect.stringContaining("account_status") });
    expect(read({ account_status: 4 })).toEqual({ unusable: "unknown account_status 4" });
    expect(read({})).toEqual({ unusable: expect.stringContaining("account_status") });
    expect(read({ account_id: "x".repeat(10_000), account_status: 2 })).toEqual({ unusable: expect.stringContaining("account_id") });
    expect(read({ account_id: "١٢٣", account_status: 2 })).toEqual({ unusable: expect.stringContaining("account_id") });
  });
});

describe("ad-account-status email", () => {
  it("says what happened, what it means for the campaigns and what to do; no ids in the prose", async () => {
    const words = pausedWords({ status: "UNSETTLED", reason: null });
    const mail = await renderEmail("ad-account-status", { ...words, resumed: false, projectUrl: "http://a/projects/p1" });
    expect(mail.subject).toBe("Your ad account has an unpaid balance");
    expect(mail.text).toContain("a payment did not go through");
    expect(mail.text).toContain("What this means for your campaigns: Your ads are not running on Facebook now.");
    expect(mail.text).toContain("What to do: Pay the outstanding balance in Billing and payments");
    expect(mail.text).not.toMatch(/act_\d/);
    expect(mail.html).toContain('href="http://a/projects/p1"');
    const back = await renderEmail("ad-account-status", { ...resumedWords(), resumed: true, projectUrl: "http://a/projects/p1" });
    expect(back.subject).toBe("Your ad account is running again");
    expect(back.text).toContain("the agency has picked up its work");
    expect(back.text).toContain("See your campaigns");
  });
});
