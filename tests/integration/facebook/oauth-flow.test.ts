import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { POST as pickAccount } from "@/app/api/auth/facebook/ad-account/route";
import { GET as callback } from "@/app/api/auth/facebook/callback/route";
import { GET as start } from "@/app/api/auth/facebook/route";
import { facebookConnections } from "@/server/db/schema";
import { setDeps } from "@/server/deps";
import { getActiveConnection } from "@/server/facebook/connections";
import { consumeOAuthState, issueOAuthState } from "@/server/facebook/oauth-state";
import { SIMULATED_AD_ACCOUNTS } from "@/server/services/facebook";
import { createTestDb } from "../../support/db";
import { jsonRequest } from "../../support/viewers";
import { captureSends, embeddedDeps, seedMember, type Member } from "../onboarding/support";

let handle: Awaited<ReturnType<typeof createTestDb>>;
let ana: Member;
let bo: Member;

beforeAll(async () => {
  handle = await createTestDb();
  setDeps(embeddedDeps(handle.db));
  ana = await seedMember(handle.db, "Ana");
  bo = await seedMember(handle.db, "Bo");
});
afterEach(() => vi.restoreAllMocks());
afterAll(async () => {
  setDeps();
  await handle?.close();
});

const get = (url: string, cookie?: string) => jsonRequest(url, { cookie });

describe("OAuth state", () => {
  const secret = randomBytes(32);
  const claims = () => ({ organizationId: ana.organizationId, userId: ana.userId, projectId: ana.projectId, secret });

  it("accepts its own state once and refuses the replay", async () => {
    const state = await issueOAuthState(handle.db, claims());
    expect(await consumeOAuthState(handle.db, { state, secret, userId: ana.userId })).toEqual({
      ok: true,
      claims: { organizationId: ana.organizationId, userId: ana.userId, projectId: ana.projectId },
    });
    expect(await consumeOAuthState(handle.db, { state, secret, userId: ana.userId })).toMatchObject({ ok: false, reason: "replayed" });
  });

  it("refuses forged, expired and other users' states", async () => {
    const state = await issueOAuthState(handle.db, claims());
    const forged = await consumeOAuthState(handle.db, { state, secret: randomBytes(32), userId: ana.userId });
    expect(forged).toMatchObject({ ok: false, reason: "forged" });
    const later = new Date(Date.now() + 11 * 60 * 1000);
    expect(await consumeOAuthState(handle.db, { state, secret, userId: ana.userId, now: later })).toMatchObject({ ok: false, reason: "expired" });
    expect(await consumeOAuthState(handle.db, { state, secret, userId: bo.userId })).toMatchObject({ ok: false, reason: "wrong-user" });
    // None of the refusals used it up: the rightful user still can, once.
    expect(await consumeOAuthState(handle.db, { state, secret, userId: ana.userId })).toMatchObject({ ok: true });
  });
});

describe("Facebook connection routes (simulated account)", () => {
  it("dialog → callback → pick an ad account → ACTIVE, token encrypted, event once", async () => {
    const begin = await start(get(`/api/auth/facebook?projectId=${ana.projectId}`, ana.cookie));
    expect(begin.status).toBe(303);
    const dialog = new URL(begin.headers.get("location")!);
    // Simulated mode: the "dialog" is our own callback with a simulated code and our state.
    expect(dialog.pathname).toBe("/api/auth/facebook/callback");
    expect(dialog.searchParams.get("code")).toMatch(/^sim_/);

    const back = await callback(get(dialog.toString(), ana.cookie));
    expect(back.status).toBe(303);
    expect(back.headers.get("location")).toContain(`/projects/${ana.projectId}?facebook=pick-account`);
    const [pending] = await handle.db.select().from(facebookConnections).where(eq(facebookConnections.userId, ana.userId));
    expect(pending).toMatchObject({ status: "PENDING", simulated: true, tokenKeyId: "local-dev" });
    expect(pending!.tokenCiphertext).not.toMatch(/SIMULATED-/);
    expect(pending!.adAccountChoices.map((a) => a.id)).toEqual(SIMULATED_AD_ACCOUNTS.map((a) => a.id));

    const replay = await callback(get(dialog.toString(), ana.cookie));
    expect(replay.status).toBe(400);
    expect(((await replay.json()) as { error: string }).error).toMatch(/already used/);

    const sent = captureSends();
    const pick = (adAccountId: string) =>
      pickAccount(jsonRequest("/api/auth/facebook/ad-account", { method: "POST", cookie: ana.cookie, body: { adAccountId } }));
    expect((await pick("act_999")).status).toBe(400);
    expect((await pick("nope")).status).toBe(400);
    const ok = await pick(SIMULATED_AD_ACCOUNTS[0]!.id);
    expect(ok.status).toBe(200);
    expect(JSON.stringify(await ok.json())).not.toMatch(/SIMULATED-|tokenCiphertext/);
    expect(sent).toEqual([
      {
        name: "facebook/account.connected",
        id: expect.stringMatching(/^facebook-connected-/),
        data: { organizationId: ana.organizationId, connectionId: pending!.id, userId: ana.userId, adAccountId: SIMULATED_AD_ACCOUNTS[0]!.id, projectId: ana.projectId },
      },
    ]);
    const active = await getActiveConnection(handle.db, { organizationId: ana.organizationId, userId: ana.userId });
    expect(active).toMatchObject({ adAccountId: SIMULATED_AD_ACCOUNTS[0]!.id, simulated: true, pageId: expect.any(String) });
    expect(active!.accessToken).toMatch(/^SIMULATED-/);
    expect(await getActiveConnection(handle.db, { organizationId: bo.organizationId, userId: bo.userId })).toBeNull();
  });

  it("returns to the chat with Facebook's reason when the user cancels (error=)", async () => {
    const begin = await start(get(`/api/auth/facebook?projectId=${bo.projectId}`, bo.cookie));
    const state = new URL(begin.headers.get("location")!).searchParams.get("state")!;
    const res = await callback(
      get(`/api/auth/facebook/callback?error=access_denied&error_description=Permissions+error&state=${encodeURIComponent(state)}`, bo.cookie),
    );
    expect(res.status).toBe(303);
    const location = new URL(res.headers.get("location")!);
    expect(location.pathname).toBe(`/projects/${bo.projectId}`);
    expect(location.searchParams.get("message")).toBe("You cancelled the Facebook connection. Facebook said: Permissions error");
    expect(await handle.db.select().from(facebookConnections).where(eq(facebookConnections.userId, bo.userId))).toEqual([]);
  });

  it("refuses forged or missing state with a 400 that says so", async () => {
    const forged = await callback(get("/api/auth/facebook/callback?code=sim_abc&state=eyJ4IjoxfQ.bad", bo.cookie));
    expect(forged.status).toBe(400);
    expect(((await forged.json()) as { error: string }).error).toMatch(/^state: The Facebook sign-in link is not valid/);
    const missing = await callback(get("/api/auth/facebook/callback?code=sim_abc", bo.cookie));
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { error: string }).error).toMatch(/^state:/);
  });

  it("answers 404 for another organization's project and sends the signed-out to sign in", async () => {
    expect((await start(get(`/api/auth/facebook?projectId=${ana.projectId}`, bo.cookie))).status).toBe(404);
    const anon = await start(get(`/api/auth/facebook?projectId=${ana.projectId}`));
    expect(anon.headers.get("location")).toMatch(/\/sign-in$/);
  });
});
