import { eq } from "drizzle-orm";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { env } from "@/env";
import { emailCampaignUser } from "@/server/campaigns/notify";
import type { CampaignRecord } from "@/server/campaigns/records";
import { emailOutbox } from "@/server/db/schema";
import { sendEmail } from "@/server/mail/send-email";
import { EMAIL_IMPORTANCE, setEmailPreference, type EmailPreferenceLevel } from "@/server/notifications/email-preferences";
import { readUnsubscribeToken, unsubscribeSecret } from "@/server/notifications/unsubscribe-token";
import { createResendTransport } from "@/server/services/mail/resend-transport";
import { createResendMock, RESEND_TEST_KEY, RESEND_TEST_URL } from "../../mocks/resend";
import { createTestDb } from "../../support/db";
import { embeddedDeps, seedWorld, type World } from "../campaigns/support";

const resendMock = createResendMock();
const server = setupServer(...resendMock.handlers);
let handle: Awaited<ReturnType<typeof createTestDb>>;
let deps: Parameters<typeof sendEmail>[0];
let world: World;

beforeAll(async () => {
  server.listen({ onUnhandledRequest: "error" });
  handle = await createTestDb();
  deps = { db: handle.db, services: { mail: createResendTransport({ apiKey: RESEND_TEST_KEY, baseUrl: RESEND_TEST_URL }) }, mailFrom: "Aigency <a@aigency.test>" };
  world = await seedWorld(handle.db, { name: "Pia", connect: false });
});
afterEach(() => resendMock.reset());
afterAll(async () => {
  server.close();
  await handle.close();
});

// One template of each importance; the table says which is which.
const important = { template: "campaign-live" as const, props: { projectName: "P", campaignName: "Spring", campaignUrl: "http://x/c" } };
const routine = { template: "plan-reminder" as const, props: { projectName: "P", campaignName: "Spring", approveUrl: "http://x/a", expiresAt: "2026-03-01T12:00:00Z" } };

describe("sendEmail respects the recipient's email preference", () => {
  it("classifies the templates: approvals, problems, failures and launches are important; reports and reminders routine", () => {
    expect(Object.entries(EMAIL_IMPORTANCE).filter(([, v]) => v === "ROUTINE").map(([k]) => k).sort()).toEqual(["plan-reminder", "weekly-report"]);
    expect(EMAIL_IMPORTANCE["action-approval-needed"]).toBe("IMPORTANT");
    expect(EMAIL_IMPORTANCE["token-expiring"]).toBe("IMPORTANT");
  });

  const cases: [EmailPreferenceLevel, "important" | "routine", "SENT" | "SUPPRESSED"][] = [
    ["ALL", "important", "SENT"],
    ["ALL", "routine", "SENT"],
    ["IMPORTANT", "important", "SENT"],
    ["IMPORTANT", "routine", "SUPPRESSED"],
    ["NONE", "important", "SUPPRESSED"],
    ["NONE", "routine", "SUPPRESSED"],
  ];
  it.each(cases)("level %s, a %s email → %s", async (level, kind, expected) => {
    await setEmailPreference(handle.db, { userId: world.owner.userId, level });
    const key = `pref:${level}:${kind}`;
    const common = { to: world.owner.email, idempotencyKey: key, organizationId: world.organizationId, recipientUserId: world.owner.userId };
    const row = kind === "important" ? await sendEmail(deps, { ...important, ...common }) : await sendEmail(deps, { ...routine, ...common });
    expect(row.status).toBe(expected);
    expect(resendMock.requests).toHaveLength(expected === "SENT" ? 1 : 0);
    const rows = await handle.db.select().from(emailOutbox).where(eq(emailOutbox.idempotencyKey, key));
    expect(rows.map((r) => r.status)).toEqual([expected]);
  });

  it("a suppressed email stays unsent when the step retries after the user switched back to ALL", async () => {
    await setEmailPreference(handle.db, { userId: world.owner.userId, level: "NONE" });
    const input = { ...important, to: world.owner.email, idempotencyKey: "pref:retry", recipientUserId: world.owner.userId };
    expect((await sendEmail(deps, input)).status).toBe("SUPPRESSED");
    await setEmailPreference(handle.db, { userId: world.owner.userId, level: "ALL" });
    expect((await sendEmail(deps, input)).status).toBe("SUPPRESSED");
    expect(resendMock.requests).toHaveLength(0);
  });

  it("no preference row means every email; the email carries the footer link and the one-click headers for that user", async () => {
    const other = await seedWorld(handle.db, { name: "Quinn", connect: false });
    await sendEmail(deps, { ...routine, to: other.owner.email, idempotencyKey: "pref:default", recipientUserId: other.owner.userId });
    expect(resendMock.requests).toHaveLength(1);
    const body = resendMock.requests[0]!.body as { html: string; text: string; headers: Record<string, string> };
    expect(body.headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    const oneClick = /^<(.+)>$/.exec(body.headers["List-Unsubscribe"]!)![1]!;
    expect(oneClick.startsWith(`${env().APP_URL}/api/notifications/unsubscribe?token=`)).toBe(true);
    const token = new URL(oneClick).searchParams.get("token")!;
    expect(readUnsubscribeToken(token, unsubscribeSecret(env()))).toBe(other.owner.userId);
    expect(body.html).toContain("Unsubscribe / email settings");
    expect(body.html).toContain(`${env().APP_URL}/unsubscribe?token=${encodeURIComponent(token)}`);
  });

  it("an email to no user (recipientUserId absent) is sent as before, without an unsubscribe link", async () => {
    await setEmailPreference(handle.db, { userId: world.owner.userId, level: "NONE" });
    const row = await sendEmail(deps, { ...routine, to: "ops@example.test", idempotencyKey: "pref:operator" });
    expect(row.status).toBe("SENT");
    const body = resendMock.requests[0]!.body as { html: string; headers?: unknown };
    expect(body.html).not.toContain("Unsubscribe");
    expect(body.headers).toBeUndefined();
  });

  it("the campaign emails pass the user through (emailCampaignUser): NONE suppresses", async () => {
    await setEmailPreference(handle.db, { userId: world.owner.userId, level: "NONE" });
    const record = { organizationId: world.organizationId, projectId: world.projectId } as CampaignRecord;
    const result = await emailCampaignUser(
      { ...embeddedDeps(handle.db), services: { ...embeddedDeps(handle.db).services, mail: deps.services.mail } },
      { record, userId: world.owner.userId, ...important, idempotencyKey: "pref:campaign-user" },
    );
    expect(result).toMatchObject({ sent: false });
    expect(resendMock.requests).toHaveLength(0);
    const [row] = await handle.db.select().from(emailOutbox).where(eq(emailOutbox.idempotencyKey, "pref:campaign-user"));
    expect(row).toMatchObject({ status: "SUPPRESSED", to: world.owner.email, organizationId: world.organizationId });
  });
});
