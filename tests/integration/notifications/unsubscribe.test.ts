import { count } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as unsubscribe } from "@/app/api/notifications/unsubscribe/route";
import UnsubscribePage from "@/app/unsubscribe/page";
import { env } from "@/env";
import { loadSigningSecret } from "@/server/crypto/keys";
import { signPayload } from "@/server/crypto/signed-token";
import { emailPreferences } from "@/server/db/schema";
import { setDeps } from "@/server/deps";
import { getEmailPreference, setEmailPreference } from "@/server/notifications/email-preferences";
import { describeTokenUser, maskEmail } from "@/server/notifications/unsubscribe";
import { issueUnsubscribeToken, unsubscribeSecret } from "@/server/notifications/unsubscribe-token";
import { createTestDb } from "../../support/db";
import { embeddedDeps, seedWorld, type World } from "../campaigns/support";

let handle: Awaited<ReturnType<typeof createTestDb>>;
let pia: World;
let quinn: World;
const secret = () => unsubscribeSecret(env());

beforeAll(async () => {
  handle = await createTestDb();
  setDeps(embeddedDeps(handle.db));
  pia = await seedWorld(handle.db, { name: "Pia", connect: false });
  quinn = await seedWorld(handle.db, { name: "Quinn", connect: false });
});
afterAll(async () => {
  setDeps();
  await handle.close();
});

/** The page's own POST: JSON, same origin, and no session cookie at all. */
const fromPage = (body: unknown, origin = "http://localhost:3000") =>
  new Request("http://localhost:3000/api/notifications/unsubscribe", { method: "POST", headers: { "content-type": "application/json", origin }, body: JSON.stringify(body) });
/** A mail client's RFC 8058 one-click POST: from its server, no Origin, token in the query. */
const oneClick = (token: string, body = "List-Unsubscribe=One-Click") =>
  new Request(`http://localhost:3000/api/notifications/unsubscribe?token=${encodeURIComponent(token)}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body,
  });
const preferenceRows = async () => (await handle.db.select({ n: count() }).from(emailPreferences))[0]!.n;

describe("unsubscribe without signing in", () => {
  it("a valid token changes that user's level, and only theirs", async () => {
    const res = await unsubscribe(fromPage({ token: issueUnsubscribeToken(pia.owner.userId, secret()), level: "IMPORTANT" }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ level: "IMPORTANT" });
    expect(await getEmailPreference(handle.db, pia.owner.userId)).toBe("IMPORTANT");
    expect(await getEmailPreference(handle.db, quinn.owner.userId)).toBe("ALL");
  });

  it("the one-click POST (no Origin, form body) sets NONE; a wrong body changes nothing", async () => {
    const token = issueUnsubscribeToken(quinn.owner.userId, secret());
    const wrong = await unsubscribe(oneClick(token, "List-Unsubscribe=Maybe"));
    expect(wrong.status).toBe(400);
    expect(await getEmailPreference(handle.db, quinn.owner.userId)).toBe("ALL");
    const res = await unsubscribe(oneClick(token));
    expect(res.status).toBe(200);
    expect(await getEmailPreference(handle.db, quinn.owner.userId)).toBe("NONE");
    await setEmailPreference(handle.db, { userId: quinn.owner.userId, level: "ALL" });
  });

  it("a tampered token, another user's id under Pia's signature, a foreign key or another purpose is refused and changes nothing", async () => {
    const good = issueUnsubscribeToken(pia.owner.userId, secret());
    const [, sig] = good.split(".");
    const swapped = `${Buffer.from(JSON.stringify({ u: quinn.owner.userId, p: "unsubscribe", v: 1 })).toString("base64url")}.${sig}`;
    const wrongKey = signPayload({ u: quinn.owner.userId, p: "unsubscribe", v: 1 }, Buffer.alloc(32, 7));
    // Signed with the app's signing secret itself (what OAuth state uses), not the unsubscribe key.
    const otherKey = signPayload({ u: quinn.owner.userId, p: "unsubscribe", v: 1 }, loadSigningSecret(env()));
    const otherPurpose = signPayload({ u: quinn.owner.userId, p: "oauth", v: 1 }, secret());
    const before = await preferenceRows();
    for (const token of [`${good}x`, swapped, wrongKey, otherKey, otherPurpose, "not-a-token"]) {
      const res = await unsubscribe(fromPage({ token, level: "NONE" }));
      expect(res.status, token).toBe(403);
      expect((await res.json()).error).toMatch(/not valid/);
      const click = await unsubscribe(oneClick(token));
      expect(click.status, token).toBe(403);
    }
    expect(await preferenceRows()).toBe(before);
    expect(await getEmailPreference(handle.db, quinn.owner.userId)).toBe("ALL");
  });

  it("another site's page cannot post it from the browser", async () => {
    const res = await unsubscribe(fromPage({ token: issueUnsubscribeToken(quinn.owner.userId, secret()), level: "NONE" }, "https://evil.example"));
    expect(res.status).toBe(403);
    expect(await getEmailPreference(handle.db, quinn.owner.userId)).toBe("ALL");
  });

  it("names the field of a bad level and refuses a missing token", async () => {
    const bad = await unsubscribe(fromPage({ token: issueUnsubscribeToken(quinn.owner.userId, secret()), level: "SOME" }));
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatch(/^level: /);
    const none = await unsubscribe(new Request("http://localhost:3000/api/notifications/unsubscribe", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "List-Unsubscribe=One-Click" }));
    expect(none.status).toBe(400);
    expect((await none.json()).error).toMatch(/^token: /);
  });

  it("the page (GET) shows a masked address and changes nothing, so a mail scanner opening the link is harmless", async () => {
    const token = issueUnsubscribeToken(quinn.owner.userId, secret());
    const before = await preferenceRows();
    const page = await UnsubscribePage({ searchParams: Promise.resolve({ token }) });
    expect(page).toBeTruthy();
    expect(await preferenceRows()).toBe(before);
    const who = await describeTokenUser(handle.db, { token, env: env() });
    expect(who).toEqual({ ok: true, maskedEmail: maskEmail(quinn.owner.email), level: "ALL" });
    expect(maskEmail("jane.doe@example.com")).toBe("j•••e@example.com");
    expect(maskEmail("jo@example.com")).toBe("j•••@example.com");
    expect(await describeTokenUser(handle.db, { token: `${token}x`, env: env() })).toEqual({ ok: false, reason: "invalid" });
  });
});
