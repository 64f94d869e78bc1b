import { InngestTestEngine, mockCtx } from "@inngest/test";
import { eq } from "drizzle-orm";
import type { Context } from "inngest";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { facebookTokenRefreshRequested } from "@/inngest/events";
import { refreshToken } from "@/inngest/functions/facebook/refresh-token";
import { refreshTokens } from "@/inngest/functions/facebook/refresh-tokens";
import { emailOutbox, facebookConnections, notifications } from "@/server/db/schema";
import { setDeps } from "@/server/deps";
import { findConnection, getActiveConnection, savePendingConnection, selectAdAccount } from "@/server/facebook/connections";
import { createTestDb } from "../../support/db";
import { embeddedDeps, seedMember, type Member } from "../onboarding/support";

let handle: Awaited<ReturnType<typeof createTestDb>>;
const DAY = 24 * 3600 * 1000;

beforeAll(async () => {
  handle = await createTestDb();
  setDeps(embeddedDeps(handle.db));
});
afterAll(async () => {
  setDeps();
  await handle?.close();
});

async function connectWith(member: Member, accessToken: string, expiresInMs: number) {
  const owner = { organizationId: member.organizationId, userId: member.userId };
  await savePendingConnection(handle.db, {
    ...owner,
    projectId: member.projectId,
    token: { accessToken, expiresAt: new Date(Date.now() + expiresInMs) },
    adAccounts: [{ id: "act_100000000000001", name: "Ads", currency: "USD", accountStatus: 1 }],
    simulated: true,
  });
  await selectAdAccount(handle.db, { ...owner, adAccountId: "act_100000000000001" });
  return (await findConnection(handle.db, owner))!;
}

/** sendEvent is recorded (the test engine would call a real Dev Server, inngest.md §7). */
function withRecordedSends() {
  const sent: unknown[] = [];
  const transformCtx = (raw: Context.Any) => {
    const m = mockCtx(raw);
    return { ...m, step: { ...m.step, sendEvent: vi.fn(async (_id: string, p: unknown) => {
      sent.push(p);
      return { ids: [] };
    }) } } as Context.Any;
  };
  return { sent, transformCtx };
}

describe("facebook token refresh", () => {
  it("requests a refresh only for connections expiring within 7 days, one id per connection per day", async () => {
    const soon = await connectWith(await seedMember(handle.db, "Soon"), "SIMULATED-soon", 3 * DAY);
    await connectWith(await seedMember(handle.db, "Later"), "SIMULATED-later", 30 * DAY);
    const { sent, transformCtx } = withRecordedSends();
    const t = new InngestTestEngine({ function: refreshTokens, transformCtx });
    const { result, error } = await t.execute({ events: [{ name: "inngest/scheduled.timer", data: { cron: "17 3 * * *" } }] });
    expect(error).toBeUndefined();
    expect(result).toEqual({ requested: 1, unreadable: 0 });
    const [batch] = sent as { id: string; data: { connectionId: string } }[][];
    expect(batch!.map((e) => e.data.connectionId)).toEqual([soon.id]);
    expect(batch![0]!.id).toBe(`facebook-token-refresh-${soon.id}-${new Date().toISOString().slice(0, 10)}`);
  });

  it("stores the refreshed token, re-encrypted, with the new expiry", async () => {
    const member = await seedMember(handle.db, "Renew");
    const before = await connectWith(member, "SIMULATED-old", 2 * DAY);
    const t = new InngestTestEngine({ function: refreshToken, ...withRecordedSends() });
    const { result, error } = await t.execute({
      events: [facebookTokenRefreshRequested.create({ organizationId: member.organizationId, connectionId: before.id })],
    });
    expect(error).toBeUndefined();
    expect(result).toMatchObject({ status: "refreshed" });
    const after = (await findConnection(handle.db, member))!;
    expect(after.tokenExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 50 * DAY);
    expect(after.tokenCiphertext).not.toBe(before.tokenCiphertext);
    const active = await getActiveConnection(handle.db, member);
    expect(active!.accessToken).toMatch(/^SIMULATED-/);
    expect(active!.accessToken).not.toBe("SIMULATED-old");
  });

  it("marks a refused token EXPIRED and tells the user once, by notification and email", async () => {
    const member = await seedMember(handle.db, "Lapse");
    // The simulated Graph refuses tokens it did not issue, like a revoked one (error 190).
    const conn = await connectWith(member, "EAAB-revoked", 2 * DAY);
    const event = facebookTokenRefreshRequested.create({ organizationId: member.organizationId, connectionId: conn.id });
    const recorded = withRecordedSends();
    const t = new InngestTestEngine({ function: refreshToken, transformCtx: recorded.transformCtx });
    const { result, error } = await t.execute({ events: [event] });
    expect(error).toBeUndefined();
    expect(result).toMatchObject({ status: "failed", reason: expect.stringMatching(/190/) });
    expect((await findConnection(handle.db, member))!.status).toBe("EXPIRED");
    expect(await getActiveConnection(handle.db, member)).toBeNull();

    const notes = await handle.db.select().from(notifications).where(eq(notifications.userId, member.userId));
    expect(notes).toMatchObject([{ type: "ACCOUNT_PROBLEM", title: "Reconnect Facebook", link: expect.stringContaining(`/api/auth/facebook?projectId=${member.projectId}`) }]);
    const mails = await handle.db.select().from(emailOutbox).where(eq(emailOutbox.to, member.email));
    expect(mails).toMatchObject([{ template: "token-expiring", status: "SENT" }]);
    // The engine replays the handler per step and the mock is not memoized: compare distinct ids.
    const ids = new Set((recorded.sent as { name: string; id: string }[]).map((e) => `${e.name} ${e.id}`));
    expect([...ids]).toEqual([`notification/created notification-created-${notes[0]!.id}`]);

    // A replay of the same request finds the connection no longer active and tells nobody again.
    await handle.db.update(facebookConnections).set({ status: "ACTIVE" }).where(eq(facebookConnections.id, conn.id));
    await new InngestTestEngine({ function: refreshToken, ...withRecordedSends() }).execute({ events: [event] });
    expect(await handle.db.select().from(notifications).where(eq(notifications.userId, member.userId))).toHaveLength(1);
    expect(await handle.db.select().from(emailOutbox).where(eq(emailOutbox.to, member.email))).toHaveLength(1);
  });
});
