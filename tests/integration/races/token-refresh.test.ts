import { InngestTestEngine, mockCtx } from "@inngest/test";
import { eq } from "drizzle-orm";
import type { Context } from "inngest";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { facebookTokenRefreshRequested } from "@/inngest/events";
import { refreshToken } from "@/inngest/functions/facebook/refresh-token";
import { emailOutbox, notifications } from "@/server/db/schema";
import { setDeps } from "@/server/deps";
import { decryptConnectionToken, findConnection, savePendingConnection, selectAdAccount } from "@/server/facebook/connections";
import { refreshConnectionToken } from "@/server/facebook/refresh";
import { GraphApiError, type AccessToken, type AdPlatform } from "@/server/services/facebook/types";
import { createTestDb } from "../../support/db";
import { embeddedDeps, seedMember, type Member } from "../onboarding/support";

let handle: Awaited<ReturnType<typeof createTestDb>>;
const DAY = 24 * 3600 * 1000;
const ACCOUNT = { id: "act_100000000000001", name: "Ads", currency: "USD", accountStatus: 1 };

beforeAll(async () => {
  handle = await createTestDb();
});
afterEach(() => setDeps());
afterAll(async () => handle?.close());

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

/** Facebook that holds every token exchange until `release` opens; `inFlight` opens once `callers` are waiting. */
function slowFacebook(answer: (token: string) => AccessToken | GraphApiError, callers = 1) {
  const inFlight = gate();
  let waiting = 0;
  const release = gate();
  const base = embeddedDeps(handle.db).services.facebook;
  const facebook: AdPlatform = {
    ...base,
    extendToken: async (token) => {
      if (++waiting === callers) inFlight.open();
      await release.opened;
      const result = answer(token);
      if (result instanceof GraphApiError) throw result;
      return result;
    },
  };
  return { facebook, inFlight, release };
}

async function connect(member: Member, accessToken: string) {
  const owner = { organizationId: member.organizationId, userId: member.userId };
  await savePendingConnection(handle.db, {
    ...owner,
    projectId: member.projectId,
    token: { accessToken, expiresAt: new Date(Date.now() + 2 * DAY) },
    adAccounts: [ACCOUNT],
    simulated: true,
  });
  await selectAdAccount(handle.db, { ...owner, adAccountId: ACCOUNT.id });
  return (await findConnection(handle.db, owner))!;
}

/** The owner signs in to Facebook again while the refresh waits on Graph. */
async function reconnectDuring(member: Member, slow: ReturnType<typeof slowFacebook>, accessToken: string) {
  await slow.inFlight.opened;
  await connect(member, accessToken);
  slow.release.open();
}

const storedToken = async (member: Member) => decryptConnectionToken((await findConnection(handle.db, member))!);

describe("token refresh racing a reconnect", () => {
  it("keeps the token the owner just reconnected with instead of overwriting it with the refreshed old one", async () => {
    const member = await seedMember(handle.db, "Fresh");
    const conn = await connect(member, "EAAB-old");
    const slow = slowFacebook((token) => ({ accessToken: `${token}-extended`, expiresAt: new Date(Date.now() + 60 * DAY) }));
    const [outcome] = await Promise.all([
      refreshConnectionToken(
        { db: handle.db, facebook: slow.facebook },
        { organizationId: member.organizationId, connectionId: conn.id, now: new Date() },
      ),
      reconnectDuring(member, slow, "EAAB-new"),
    ]);
    expect(outcome).toEqual({ status: "skipped", reason: "a newer token was stored while refreshing" });
    expect(await storedToken(member)).toBe("EAAB-new");
  });

  it("lets exactly one of two concurrent refreshes store its token", async () => {
    const member = await seedMember(handle.db, "Twice");
    const conn = await connect(member, "EAAB-once");
    let issued = 0;
    const slow = slowFacebook(() => ({ accessToken: `EAAB-extended-${++issued}`, expiresAt: new Date(Date.now() + 60 * DAY) }), 2);
    const refresh = () =>
      refreshConnectionToken(
        { db: handle.db, facebook: slow.facebook },
        { organizationId: member.organizationId, connectionId: conn.id, now: new Date() },
      );
    const both = Promise.all([refresh(), refresh()]);
    await slow.inFlight.opened;
    slow.release.open();
    const statuses = (await both).map((o) => o.status).sort();
    expect(statuses).toEqual(["refreshed", "skipped"]);
    expect(await storedToken(member)).toMatch(/^EAAB-extended-[12]$/);
  });

  it("does not expire, email or notify an owner who reconnected while Facebook refused the old token", async () => {
    const member = await seedMember(handle.db, "Revived");
    const conn = await connect(member, "EAAB-revoked");
    const slow = slowFacebook(
      () => new GraphApiError("Error validating access token", { httpStatus: 400, code: 190, subcode: 463, isTransient: false }),
    );
    setDeps({ ...embeddedDeps(handle.db), services: { ...embeddedDeps(handle.db).services, facebook: slow.facebook } });
    const t = new InngestTestEngine({
      function: refreshToken,
      transformCtx: (raw: Context.Any) => {
        const m = mockCtx(raw);
        return { ...m, step: { ...m.step, sendEvent: vi.fn(async () => ({ ids: [] })) } } as Context.Any;
      },
    });
    const [run] = await Promise.all([
      t.execute({ events: [facebookTokenRefreshRequested.create({ organizationId: member.organizationId, connectionId: conn.id })] }),
      reconnectDuring(member, slow, "EAAB-brand-new"),
    ]);
    expect(run.error).toBeUndefined();
    expect(run.result).toMatchObject({ status: "failed" });
    const after = (await findConnection(handle.db, member))!;
    expect(after.status).toBe("ACTIVE");
    expect(decryptConnectionToken(after)).toBe("EAAB-brand-new");
    expect(await handle.db.select().from(notifications).where(eq(notifications.userId, member.userId))).toEqual([]);
    expect(await handle.db.select().from(emailOutbox).where(eq(emailOutbox.to, member.email))).toEqual([]);
  });
});
