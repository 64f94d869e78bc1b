import { randomBytes } from "node:crypto";
import { InngestTestEngine, mockCtx } from "@inngest/test";
import { eq } from "drizzle-orm";
import type { Context } from "inngest";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { resetEnv } from "@/env";
import { inngest } from "@/inngest/client";
import { facebookTokenRefreshRequested, facebookTokensReencryptRequested } from "@/inngest/events";
import { reencryptTokens } from "@/inngest/functions/facebook/reencrypt-tokens";
import { refreshToken } from "@/inngest/functions/facebook/refresh-token";
import { refreshTokens } from "@/inngest/functions/facebook/refresh-tokens";
import type { Keyring } from "@/server/crypto/keys";
import { emailOutbox, facebookConnections, notifications } from "@/server/db/schema";
import { setDeps } from "@/server/deps";
import {
  decryptConnectionToken,
  findConnection,
  reencryptConnectionToken,
  savePendingConnection,
  selectAdAccount,
} from "@/server/facebook/connections";
import { reencryptTokenBatch } from "@/server/facebook/reencrypt-tokens";
import { createTestDb } from "../../support/db";
import { embeddedDeps, seedMember, type Member } from "../onboarding/support";

const DAY = 24 * 3600 * 1000;
const retired = randomBytes(32);
const current = randomBytes(32);
const forgotten = randomBytes(32);
const ring = (currentId: string, keys: Record<string, Buffer>): Keyring => ({ currentId, keys });
// What the app runs with after rotating k1 to k2: k1 kept in ENCRYPTION_KEYS, k0 already dropped.
const rotated = ring("k2", { k1: retired, k2: current });
const saved = { ...process.env };
let handle: Awaited<ReturnType<typeof createTestDb>>;

beforeAll(async () => {
  process.env.ENCRYPTION_KEY = current.toString("base64");
  process.env.ENCRYPTION_KEY_ID = "k2";
  process.env.ENCRYPTION_KEYS = `k1:${retired.toString("base64")}`;
  resetEnv();
  handle = await createTestDb();
  setDeps(embeddedDeps(handle.db));
});
afterEach(() => vi.restoreAllMocks());
afterAll(async () => {
  process.env = saved;
  resetEnv();
  setDeps();
  await handle?.close();
});

async function connectUnder(keyring: Keyring, name: string, expiresInMs = 2 * DAY) {
  const member = await seedMember(handle.db, name);
  const owner = { organizationId: member.organizationId, userId: member.userId };
  await savePendingConnection(handle.db, {
    ...owner,
    keyring,
    token: { accessToken: `SIMULATED-${name}`, expiresAt: new Date(Date.now() + expiresInMs) },
    adAccounts: [{ id: "act_100000000000001", name: "Ads", currency: "USD", accountStatus: 1 }],
    simulated: true,
  });
  await selectAdAccount(handle.db, { ...owner, adAccountId: "act_100000000000001" });
  return { member, connection: (await findConnection(handle.db, owner))! };
}

/** Runs `fn` recording its sends and its `logger.error` alerts (ctx.logger wraps the client's logger). */
function engineFor(fn: typeof refreshToken | typeof refreshTokens | typeof reencryptTokens) {
  const alerts: string[] = [];
  vi.spyOn(inngest.logger, "error").mockImplementation((...args: unknown[]) => {
    alerts.push(args.map(String).join(" "));
  });
  const t = new InngestTestEngine({
    function: fn,
    transformCtx: (raw: Context.Any) => {
      const m = mockCtx(raw);
      return { ...m, step: { ...m.step, sendEvent: vi.fn(async () => ({ ids: [] })) } } as Context.Any;
    },
  });
  return { t, alerts };
}

const toldAnything = async (member: Member) => [
  ...(await handle.db.select().from(notifications).where(eq(notifications.userId, member.userId))),
  ...(await handle.db.select().from(emailOutbox).where(eq(emailOutbox.to, member.email))),
];

describe("a token under a key the app no longer has", () => {
  it("is an alert for the operator: the connection stays ACTIVE and the owner hears nothing", async () => {
    const { member, connection } = await connectUnder(ring("k0", { k0: forgotten }), "Forgotten");
    const { t, alerts } = engineFor(refreshToken);
    const { result, error } = await t.execute({
      events: [facebookTokenRefreshRequested.create({ organizationId: member.organizationId, connectionId: connection.id })],
    });
    expect(error).toBeUndefined();
    expect(result).toMatchObject({ status: "undecryptable", keyId: "k0" });
    expect((await findConnection(handle.db, member))!.status).toBe("ACTIVE");
    expect(await toldAnything(member)).toEqual([]);
    expect(alerts.join("\n")).toMatch(/key "k0".*ENCRYPTION_KEYS/);
    expect(alerts.join("\n")).not.toContain(connection.tokenCiphertext);
  });

  it("is left out of the daily fan-out and reported once", async () => {
    await handle.db.delete(facebookConnections);
    await connectUnder(ring("k0", { k0: forgotten }), "Skipped one");
    await connectUnder(ring("k1", { k1: retired }), "Refreshed one");
    const { t, alerts } = engineFor(refreshTokens);
    const { result } = await t.execute({ events: [{ name: "inngest/scheduled.timer", data: { cron: "17 3 * * *" } }] });
    expect(result).toEqual({ requested: 1, unreadable: 1 });
    expect(new Set(alerts)).toEqual(new Set([expect.stringMatching(/^1 Facebook token\(s\) need encryption key\(s\) k0/)]));
  });
});

describe("re-encrypting after a rotation", () => {
  it("moves every readable token to the current key in batches, and a second pass does nothing", async () => {
    await handle.db.delete(facebookConnections);
    const old = await Promise.all(["A", "B", "C", "D", "E"].map((n) => connectUnder(ring("k1", { k1: retired }), `Rotated ${n}`)));
    const lost = await connectUnder(ring("k0", { k0: forgotten }), "Lost");

    const batches = [];
    let afterId: string | null = null;
    do {
      const batch = await reencryptTokenBatch(handle.db, { keyring: rotated, afterId, limit: 2 });
      batches.push(batch);
      afterId = batch.nextAfterId;
    } while (afterId);
    expect(batches.reduce((n, b) => n + b.reencrypted, 0)).toBe(5);
    expect(batches.flatMap((b) => b.unreadable)).toEqual([{ connectionId: lost.connection.id, keyId: "k0" }]);

    // The retired key can now go: every token reads with the current key alone.
    const withoutRetired = ring("k2", { k2: current });
    for (const { member } of old) {
      const row = (await findConnection(handle.db, member))!;
      expect(row.tokenKeyId).toBe("k2");
      expect(decryptConnectionToken(row, withoutRetired)).toMatch(/^SIMULATED-Rotated /);
    }
    expect((await findConnection(handle.db, lost.member))!.tokenKeyId).toBe("k0");

    const { t, alerts } = engineFor(reencryptTokens);
    const { result } = await t.execute({ events: [facebookTokensReencryptRequested.create({ reason: "rotated k1 to k2" })] });
    expect(result).toEqual({ reencrypted: 0, changedMeanwhile: 0, unreadable: 1, missingKeyIds: ["k0"] });
    expect(alerts.some((a) => a.includes("k0"))).toBe(true);
  });

  it("runs as an Inngest function on the configured keyring", async () => {
    await handle.db.delete(facebookConnections);
    const { member } = await connectUnder(ring("k1", { k1: retired }), "Function");
    const { t } = engineFor(reencryptTokens);
    const { result, error } = await t.execute({ events: [facebookTokensReencryptRequested.create({})] });
    expect(error).toBeUndefined();
    expect(result).toMatchObject({ reencrypted: 1, unreadable: 0 });
    expect((await findConnection(handle.db, member))!.tokenKeyId).toBe("k2");
  });

  it("never replaces a token stored after it was read (compare-and-set)", async () => {
    const { member, connection: stale } = await connectUnder(ring("k1", { k1: retired }), "Reconnected");
    await savePendingConnection(handle.db, {
      organizationId: member.organizationId,
      userId: member.userId,
      keyring: rotated,
      token: { accessToken: "SIMULATED-newer", expiresAt: new Date(Date.now() + 60 * DAY) },
      adAccounts: [{ id: "act_100000000000001", name: "Ads", currency: "USD", accountStatus: 1 }],
      simulated: true,
    });
    // A new login beside an active connection takes over once its ad account is picked.
    await selectAdAccount(handle.db, { organizationId: member.organizationId, userId: member.userId, adAccountId: "act_100000000000001" });
    expect(await reencryptConnectionToken(handle.db, stale, rotated)).toBe(false);
    expect(decryptConnectionToken((await findConnection(handle.db, member))!, rotated)).toBe("SIMULATED-newer");
  });
});
