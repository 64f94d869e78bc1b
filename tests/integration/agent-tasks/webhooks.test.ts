import { eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { POST as rotate } from "@/app/api/agents/webhook-secret/route";
import { POST as inbound } from "@/app/api/webhooks/agents/[organizationId]/route";
import { POST as github } from "@/app/api/webhooks/github/route";
import { resetEnv } from "@/env";
import { signInbound } from "@/server/agent-tasks/inbound-signature";
import { githubHookQuery } from "@/server/agent-tasks/github";
import { agentIssues, agentWebhookSecrets } from "@/server/db/schema/agent-tasks";
import { memberships } from "@/server/db/schema";
import { signWebhookBody } from "@/server/webhooks/signature";
import type { World } from "../campaigns/support";
import { recordSends, seedColleague } from "../appgen/jobs-support";
import { post, twoOrganizations } from "./support";

const GITHUB_SECRET = "github-hook-secret-for-tests";
const orgs = twoOrganizations(["Wes", "Sal"]);
let w: World;
let stranger: World;
beforeAll(() => {
  ({ w, stranger } = orgs);
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
  vi.unstubAllEnvs();
  resetEnv();
});

async function newSecret(world: World): Promise<string> {
  const res = await rotate(post("/api/agents/webhook-secret", world.owner.cookie));
  expect(res.status).toBe(201);
  return ((await res.json()) as { secret: string }).secret;
}
const nowSeconds = () => Math.floor(Date.now() / 1000);
function delivery(orgId: string, body: unknown, signature: string | null) {
  const raw = JSON.stringify(body);
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (signature !== null) headers["x-aigency-signature"] = signature;
  return inbound(new Request(`http://localhost:3000/api/webhooks/agents/${orgId}`, { method: "POST", headers, body: raw }), { params: Promise.resolve({ organizationId: orgId }) });
}
const body = (deliveryId: string) => ({ deliveryId, title: "Ads rejected", description: "Three ads rejected overnight" });
const issueCount = async () => (await orgs.handle.db.select().from(agentIssues)).length;

describe("signed inbound webhook", () => {
  it("accepts a good signature once: a replayed delivery answers the same issue and creates nothing", async () => {
    const sent = recordSends();
    const secret = await newSecret(w);
    const b = body("delivery-1");
    const first = await delivery(w.organizationId, b, signInbound(JSON.stringify(b), secret, nowSeconds()));
    expect(first.status).toBe(202);
    const { issueId } = (await first.json()) as { issueId: string };
    const count = await issueCount();
    const replay = await delivery(w.organizationId, b, signInbound(JSON.stringify(b), secret, nowSeconds()));
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual({ issueId, duplicate: true });
    expect(await issueCount()).toBe(count);
    const [row] = await orgs.handle.db.select().from(agentIssues).where(eq(agentIssues.id, issueId));
    expect(row).toMatchObject({ source: "WEBHOOK", externalId: "delivery-1", organizationId: w.organizationId });
    // The same event id both times: the engine keeps one.
    expect(new Set(sent.map((s) => s.id))).toEqual(new Set([issueId]));
  });

  it("answers 401 with no row to a bad, missing, malformed or stale signature, another organization's secret, or an org without one", async () => {
    const sent = recordSends();
    const secret = await newSecret(w);
    const strangerSecret = await newSecret(stranger);
    const b = body("delivery-bad");
    const raw = JSON.stringify(b);
    const before = await issueCount();
    const cases: [string, string, string | null][] = [
      ["missing", w.organizationId, null],
      ["malformed", w.organizationId, "v1=abc"],
      ["wrong secret", w.organizationId, signInbound(raw, "not-the-secret", nowSeconds())],
      ["another org's secret", w.organizationId, strangerSecret && signInbound(raw, strangerSecret, nowSeconds())],
      ["stale by 6 minutes", w.organizationId, signInbound(raw, secret, nowSeconds() - 6 * 60)],
      ["tampered body", w.organizationId, signInbound(JSON.stringify(body("other")), secret, nowSeconds())],
      ["an org with no secret", crypto.randomUUID(), signInbound(raw, secret, nowSeconds())],
      ["not an org id", "not-a-uuid", signInbound(raw, secret, nowSeconds())],
    ];
    for (const [name, org, signature] of cases) {
      const res = await delivery(org, b, signature);
      expect(res.status, name).toBe(401);
    }
    expect(await issueCount()).toBe(before);
    expect(sent).toEqual([]);
  });

  it("names a bad field (400) once the signature is good", async () => {
    const secret = await newSecret(w);
    const b = { deliveryId: "d-400", description: "no title" };
    const res = await delivery(w.organizationId, b, signInbound(JSON.stringify(b), secret, nowSeconds()));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/^title: /);
  });

  it("keeps the previous secret valid for 24 hours after a rotation, and not after", async () => {
    recordSends();
    const old = await newSecret(w);
    const current = await newSecret(w);
    expect(current).not.toBe(old);
    const [row] = await orgs.handle.db.select().from(agentWebhookSecrets).where(eq(agentWebhookSecrets.organizationId, w.organizationId));
    expect(row!.secretCiphertext).not.toContain(current); // stored encrypted
    const within = body("grace-within");
    expect((await delivery(w.organizationId, within, signInbound(JSON.stringify(within), old, nowSeconds()))).status).toBe(202);
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date(Date.now() + 24 * 60 * 60 * 1000 + 60_000));
    const after = body("grace-after");
    expect((await delivery(w.organizationId, after, signInbound(JSON.stringify(after), old, nowSeconds()))).status).toBe(401);
    expect((await delivery(w.organizationId, after, signInbound(JSON.stringify(after), current, nowSeconds()))).status).toBe(202);
  });

  it("lets only the owner rotate, refuses another site", async () => {
    const crossSite = await rotate(new Request("http://localhost:3000/api/agents/webhook-secret", { method: "POST", headers: { cookie: w.owner.cookie, origin: "https://evil.example" }, body: "{}" }));
    expect(crossSite.status).toBe(403);
    expect((await rotate(post("/api/agents/webhook-secret", ""))).status).toBe(401);
    const member = await seedColleague(orgs.handle.db, w, "Mo");
    await orgs.handle.db.update(memberships).set({ role: "MEMBER" }).where(eq(memberships.userId, member.userId));
    expect((await rotate(post("/api/agents/webhook-secret", member.cookie))).status).toBe(403);
  });
});

describe("GitHub issues webhook", () => {
  const opened = (number: number) => ({ action: "opened", issue: { number, title: "Hero too long", body: "Shorten it", html_url: "https://github.com/acme/site/issues/1" }, repository: { full_name: "acme/site" } });
  function hook(payload: unknown, opts: { signature?: string | null; query?: string; event?: string } = {}) {
    const raw = JSON.stringify(payload);
    const headers: Record<string, string> = { "content-type": "application/json", "x-github-event": opts.event ?? "issues" };
    const signature = opts.signature === undefined ? signWebhookBody(raw, GITHUB_SECRET) : opts.signature;
    if (signature) headers["x-hub-signature-256"] = signature;
    return github(new Request(`http://localhost:3000/api/webhooks/github?${opts.query ?? githubHookQuery(w.organizationId, GITHUB_SECRET)}`, { method: "POST", headers, body: raw }));
  }

  it("is off (404) while GITHUB_WEBHOOK_SECRET is unset", async () => {
    vi.stubEnv("GITHUB_WEBHOOK_SECRET", "");
    resetEnv();
    expect((await hook(opened(1))).status).toBe(404);
  });

  it("turns an opened issue into a GITHUB task for the organization the signed hook URL names, once per repo#number", async () => {
    vi.stubEnv("GITHUB_WEBHOOK_SECRET", GITHUB_SECRET);
    resetEnv();
    const sent = recordSends();
    const res = await hook(opened(7));
    expect(res.status).toBe(202);
    const { issueId } = (await res.json()) as { issueId: string };
    const [row] = await orgs.handle.db.select().from(agentIssues).where(eq(agentIssues.id, issueId));
    expect(row).toMatchObject({ organizationId: w.organizationId, source: "GITHUB", externalId: "acme/site#7", title: "Hero too long" });
    expect((await hook(opened(7))).status).toBe(200); // redelivered
    expect(sent.map((s) => s.id)).toEqual([issueId, issueId]);
    expect(await (await hook({ ...opened(8), action: "closed" })).json()).toEqual({ ignored: "issues.closed" });
  });

  it("answers 401 with no row to a bad or missing signature, or a hook URL token for another organization", async () => {
    vi.stubEnv("GITHUB_WEBHOOK_SECRET", GITHUB_SECRET);
    resetEnv();
    const sent = recordSends();
    const before = await issueCount();
    expect((await hook(opened(9), { signature: signWebhookBody(JSON.stringify(opened(9)), "wrong") })).status).toBe(401);
    expect((await hook(opened(9), { signature: null })).status).toBe(401);
    const forged = githubHookQuery(stranger.organizationId, GITHUB_SECRET).replace(stranger.organizationId, w.organizationId);
    expect(forged).not.toBe(githubHookQuery(w.organizationId, GITHUB_SECRET));
    expect((await hook(opened(9), { query: forged })).status).toBe(401);
    expect(await issueCount()).toBe(before);
    expect(sent).toEqual([]);
  });
});
