import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { POST as pickAccount } from "@/app/api/auth/facebook/ad-account/route";
import { GET as callback } from "@/app/api/auth/facebook/callback/route";
import { GET as startByLink, POST as start } from "@/app/api/auth/facebook/route";
import { facebookConnections, oauthStates } from "@/server/db/schema";
import { setDeps } from "@/server/deps";
import { getActiveConnection } from "@/server/facebook/connections";
import { consumeOAuthState, issueOAuthState } from "@/server/facebook/oauth-state";
import { SIMULATED_AD_ACCOUNTS, simulatedAdAccountsFor } from "@/server/services/facebook";
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
const post = (url: string, cookie?: string) => jsonRequest(url, { method: "POST", cookie, body: {} });

/** POST start → the dialog URL the browser is sent to. */
async function dialogFor(member: Member): Promise<URL> {
  const begin = await start(post(`/api/auth/facebook?projectId=${member.projectId}`, member.cookie));
  expect(begin.status).toBe(200);
  return new URL(((await begin.json()) as { dialogUrl: string }).dialogUrl);
}

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
    const dialog = await dialogFor(ana);
    // Simulated mode: the "dialog" is our own callback with a simulated code and our state.
    expect(dialog.pathname).toBe("/api/auth/facebook/callback");
    expect(dialog.searchParams.get("code")).toMatch(/^sim_/);

    const back = await callback(get(dialog.toString(), ana.cookie));
    expect(back.status).toBe(303);
    expect(back.headers.get("location")).toContain(`/projects/${ana.projectId}?facebook=pick-account`);
    const [pending] = await handle.db.select().from(facebookConnections).where(eq(facebookConnections.userId, ana.userId));
    expect(pending).toMatchObject({ status: "PENDING", simulated: true, tokenKeyId: "local-dev" });
    expect(pending!.tokenCiphertext).not.toMatch(/SIMULATED-/);
    const anaAccounts = simulatedAdAccountsFor(ana.organizationId).map((a) => a.id);
    expect(pending!.adAccountChoices.map((a) => a.id)).toEqual(anaAccounts);
    // Same simulated accounts (names, currencies) for everyone, under ids of each organization's own.
    expect(pending!.adAccountChoices.map((a) => a.currency)).toEqual(SIMULATED_AD_ACCOUNTS.map((a) => a.currency));
    expect(anaAccounts.some((id) => simulatedAdAccountsFor(bo.organizationId).some((b) => b.id === id))).toBe(false);

    const replay = await callback(get(dialog.toString(), ana.cookie));
    expect(replay.status).toBe(400);
    expect(((await replay.json()) as { error: string }).error).toMatch(/already used/);

    const sent = captureSends();
    const pick = (adAccountId: string) =>
      pickAccount(jsonRequest("/api/auth/facebook/ad-account", { method: "POST", cookie: ana.cookie, body: { adAccountId } }));
    expect((await pick("act_999")).status).toBe(400);
    expect((await pick("nope")).status).toBe(400);
    expect((await pick(simulatedAdAccountsFor(bo.organizationId)[0]!.id)).status).toBe(400);
    const ok = await pick(anaAccounts[0]!);
    expect(ok.status).toBe(200);
    expect(JSON.stringify(await ok.json())).not.toMatch(/SIMULATED-|tokenCiphertext/);
    expect(sent).toEqual([
      {
        name: "facebook/account.connected",
        id: expect.stringMatching(/^facebook-connected-/),
        data: { organizationId: ana.organizationId, connectionId: pending!.id, userId: ana.userId, adAccountId: anaAccounts[0]!, projectId: ana.projectId },
      },
    ]);
    const active = await getActiveConnection(handle.db, { organizationId: ana.organizationId, userId: ana.userId });
    expect(active).toMatchObject({ adAccountId: anaAccounts[0]!, simulated: true, pageId: expect.any(String) });
    expect(active!.accessToken).toMatch(/^SIMULATED-/);
    expect(await getActiveConnection(handle.db, { organizationId: bo.organizationId, userId: bo.userId })).toBeNull();
  });

  it("returns to the chat with Facebook's reason when the user cancels (error=)", async () => {
    const state = (await dialogFor(bo)).searchParams.get("state")!;
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
    expect((await start(post(`/api/auth/facebook?projectId=${ana.projectId}`, bo.cookie))).status).toBe(404);
    expect((await start(post(`/api/auth/facebook?projectId=${ana.projectId}`))).status).toBe(401);
  });

  it("a GET (any link, any site) only leads back to the project: no state issued, nothing changed", async () => {
    const statesBefore = await handle.db.select().from(oauthStates);
    const res = await startByLink(get(`/api/auth/facebook?projectId=${ana.projectId}`, ana.cookie));
    expect(res.status).toBe(303);
    expect(new URL(res.headers.get("location")!).pathname).toBe(`/projects/${ana.projectId}`);
    expect(await handle.db.select().from(oauthStates)).toEqual(statesBefore);
  });

  it("refuses a start posted from another site", async () => {
    const statesBefore = await handle.db.select().from(oauthStates);
    const forged = jsonRequest(`/api/auth/facebook?projectId=${ana.projectId}`, { method: "POST", cookie: ana.cookie, body: {} });
    forged.headers.set("origin", "https://evil.example");
    expect((await start(forged)).status).toBe(403);
    expect(await handle.db.select().from(oauthStates)).toEqual(statesBefore);
  });

  it("keeps the ACTIVE connection working until an account of the new login is picked", async () => {
    const cy = await seedMember(handle.db, "Cy");
    const sent = captureSends();
    const pick = (adAccountId: string) =>
      pickAccount(jsonRequest("/api/auth/facebook/ad-account", { method: "POST", cookie: cy.cookie, body: { adAccountId } }));
    const [usd, eur] = simulatedAdAccountsFor(cy.organizationId).map((a) => a.id);
    await callback(get((await dialogFor(cy)).toString(), cy.cookie));
    expect((await pick(usd!)).status).toBe(200);
    const before = await getActiveConnection(handle.db, { organizationId: cy.organizationId, userId: cy.userId });
    expect(before).toMatchObject({ adAccountId: usd });

    // A second login (a reconnect, or one a forged link started): the old one keeps running.
    const again = await callback(get((await dialogFor(cy)).toString(), cy.cookie));
    expect(again.headers.get("location")).toContain("facebook=pick-account");
    const during = await getActiveConnection(handle.db, { organizationId: cy.organizationId, userId: cy.userId });
    expect(during).toEqual(before);
    const [row] = await handle.db.select().from(facebookConnections).where(eq(facebookConnections.userId, cy.userId));
    expect(row).toMatchObject({ status: "ACTIVE", adAccountId: usd });
    expect(row!.pendingLogin?.adAccountChoices.map((a) => a.id)).toEqual([usd, eur]);

    // Picking from the new login swaps in its token and account, and announces it once more.
    expect((await pick(eur!)).status).toBe(200);
    const after = await getActiveConnection(handle.db, { organizationId: cy.organizationId, userId: cy.userId });
    expect(after).toMatchObject({ adAccountId: eur, connectionId: before!.connectionId });
    expect(after!.accessToken).not.toBe(before!.accessToken);
    const [swapped] = await handle.db.select().from(facebookConnections).where(eq(facebookConnections.userId, cy.userId));
    expect(swapped!.pendingLogin).toBeNull();
    expect(sent.map((e) => e.data.adAccountId)).toEqual([usd, eur]);
  });
});
