import { describe, expect, it } from "vitest";
import { parseEnv } from "@/env";
import type { Db } from "@/server/db/client";
import type { EmailTemplateName } from "@/emails/index";
import { renderEmail } from "@/server/mail/render-email";
import { createMailTransport, describeMail } from "@/server/services/mail";
import { toMailError } from "@/server/services/mail/resend-errors";

// Compile-time check (tsc covers tests): props are typed per template name. Never called.
export const _propsAreTypedPerTemplate = () =>
  // @ts-expect-error campaign-live needs campaignUrl and has no dailyBudgetCents
  renderEmail("campaign-live", { projectName: "a", campaignName: "b", dailyBudgetCents: 1 });

describe("email templates", () => {
  it("renders every template with subject, html and plain text", async () => {
    const cases = [
      await renderEmail("approval-needed", {
        projectName: "Shop",
        campaignName: "Spring",
        dailyBudgetCents: 1999,
        currency: "USD",
        approveUrl: "http://a/approve",
      }),
      await renderEmail("campaign-live", { projectName: "Shop", campaignName: "Spring", campaignUrl: "http://a/c" }),
      await renderEmail("deploy-failed", {
        projectName: "Shop",
        campaignName: "Spring",
        failedStep: "create-ad",
        errorMessage: "Token expired",
        campaignUrl: "http://a/c",
      }),
      await renderEmail("plan-reminder", {
        projectName: "Shop",
        campaignName: "Spring",
        approveUrl: "http://a/approve",
        expiresAt: "2026-03-01T12:00:00Z",
      }),
      await renderEmail("token-expiring", { reconnectUrl: "http://a/reconnect" }),
    ];
    expect(cases.map((c) => c.subject)).toEqual([
      "Approve the plan for Spring",
      "Spring is live",
      "Launch failed: Spring",
      "Reminder: Spring is waiting for approval",
      "Reconnect your Facebook account",
    ]);
    for (const c of cases) {
      expect(c.html).toMatch(/^<!DOCTYPE html/);
      expect(c.text.length).toBeGreaterThan(50);
      expect(c.text).not.toMatch(/<\/?[a-z]+>/);
    }
    expect(cases[0]!.text).toContain("$19.99 per day");
    expect(cases[2]!.html).toContain("Token expired");
    expect(cases[3]!.text).toContain("Mar 1, 2026");
    expect(cases[4]!.html).toContain('href="http://a/reconnect"');
  });
});

describe("the unsubscribe footer", () => {
  it("every template shows the link it is given, and none without one", async () => {
    const url = "http://a/unsubscribe?token=t.s";
    const renders = {
      "approval-needed": (u?: string) => renderEmail("approval-needed", { projectName: "S", campaignName: "C", dailyBudgetCents: 1, currency: "USD", approveUrl: "http://a", unsubscribeUrl: u }),
      "action-approval-needed": (u?: string) =>
        renderEmail("action-approval-needed", { projectName: "S", title: "T", reason: "R", approveUrl: "http://a", expiresAt: "2026-03-01T12:00:00Z", unsubscribeUrl: u }),
      "ad-account-status": (u?: string) => renderEmail("ad-account-status", { title: "T", happened: "H", means: "M", todo: "D", resumed: false, projectUrl: "http://a", unsubscribeUrl: u }),
      "weekly-report": (u?: string) =>
        renderEmail("weekly-report", { projectName: "S", week: 1, weekLabel: "W", summary: "S", metrics: [], note: "N", reportUrl: "http://a", pdfUrl: "http://a/pdf", unsubscribeUrl: u }),
      "campaign-live": (u?: string) => renderEmail("campaign-live", { projectName: "S", campaignName: "C", campaignUrl: "http://a", unsubscribeUrl: u }),
      "deploy-failed": (u?: string) => renderEmail("deploy-failed", { projectName: "S", campaignName: "C", failedStep: "x", errorMessage: "y", campaignUrl: "http://a", unsubscribeUrl: u }),
      "plan-reminder": (u?: string) => renderEmail("plan-reminder", { projectName: "S", campaignName: "C", approveUrl: "http://a", expiresAt: "2026-03-01T12:00:00Z", unsubscribeUrl: u }),
      "token-expiring": (u?: string) => renderEmail("token-expiring", { reconnectUrl: "http://a", unsubscribeUrl: u }),
      "sandbox-alert": (u?: string) =>
        renderEmail("sandbox-alert", { what: "Snapshot build", subject: "s", errorMessage: "e", stillActive: null, statusUrl: "http://a/status", unsubscribeUrl: u }),
      "usage-budget-warning": (u?: string) =>
        renderEmail("usage-budget-warning", { organizationName: "O", monthLabel: "M", spent: "$1", budget: "$2", percent: 80, usageUrl: "http://a/usage", unsubscribeUrl: u }),
    };
    // Typed by name, so a template added to the registry without a case here fails to compile.
    const cases: Record<EmailTemplateName, (u?: string) => Promise<{ html: string; text: string }>> = renders;
    for (const [name, render] of Object.entries(cases)) {
      const withLink = await render(url);
      expect(withLink.html, name).toContain(`href="${url}"`);
      expect(withLink.text, name).toContain("Unsubscribe / email settings");
      expect((await render(undefined)).html, name).not.toContain("Unsubscribe");
    }
  });
});

describe("toMailError", () => {
  it.each([
    [{ name: "rate_limit_exceeded", statusCode: 429 }, true],
    [{ name: "application_error", statusCode: 500 }, true],
    [{ name: "application_error", statusCode: null }, true],
    [{ name: "validation_error", statusCode: 422 }, false],
    [{ name: "invalid_api_key", statusCode: 403 }, false],
    [{ name: "invalid_idempotent_request", statusCode: 409 }, false],
    [{ name: "daily_quota_exceeded", statusCode: 429 }, false],
  ])("%j → retryable %s", (error, retryable) => {
    const mapped = toMailError({ ...error, message: "m" });
    expect(mapped.retryable).toBe(retryable);
    expect(mapped.statusCode).toBe(error.statusCode);
    expect(mapped.name_).toBe(error.name);
  });
});

describe("createMailTransport / describeMail", () => {
  it("uses Resend only with RESEND_API_KEY and labels the outbox as simulated", () => {
    const db = {} as Db;
    expect(createMailTransport({ env: parseEnv({}), db }).kind).toBe("outbox");
    expect(describeMail(parseEnv({}))).toMatchObject({ implementation: "Outbox (embedded)", simulated: true });
    const env = parseEnv({ RESEND_API_KEY: "re_abc" });
    expect(createMailTransport({ env, db }).kind).toBe("resend");
    expect(describeMail(env)).toMatchObject({ implementation: "Resend", simulated: false });
  });
});
