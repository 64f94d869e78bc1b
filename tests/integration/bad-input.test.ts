import { readdirSync } from "node:fs";
import path from "node:path";
import { InngestTestEngine } from "@inngest/test";
import { count, eq, getTableName, is } from "drizzle-orm";
import { PgTable } from "drizzle-orm/pg-core";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { env, resetEnv } from "@/env";
import { inngest } from "@/inngest/client";
import { onboardingBriefExtracted } from "@/inngest/events";
import { generateCampaignPlan } from "@/inngest/functions/campaign/generate-campaign-plan";
import * as schema from "@/server/db/schema";
import { setDeps } from "@/server/deps";
import { webhookAppSecret } from "@/server/webhooks/app-secret";
import { signWebhookBody } from "@/server/webhooks/signature";
import { simulatedAdAccountsFor } from "@/server/services/facebook/simulated";
import { createCreativeSession } from "@/server/creative/sessions";
import { createDesign } from "@/server/appgen/design/records";
import { JOB_BODY_MAX_BYTES } from "@/server/appgen/jobs";
import { embeddedDeps, seedWorld, testCtx } from "./campaigns/support";
import { createTestDb } from "../support/db";
import { seedJob } from "./appgen/jobs-support";
import { signInbound } from "@/server/agent-tasks/inbound-signature";
import { activeWebhookSecrets, rotateWebhookSecret } from "@/server/agent-tasks/webhook-secrets";
import { loadKeyring } from "@/server/crypto/keys";

/**
 * Every route handler under src/app/api, found on disk so a new route cannot be left out, gets
 * unreadable, mistyped, oversized and garbage input from a signed-in user: never a 5xx, every 4xx a
 * JSON `error` (naming the field when one is wrong), no row written, no event sent.
 */
const API_ROOT = path.resolve(import.meta.dirname, "../../src/app/api");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type Method = (typeof METHODS)[number];
type Handler = (req: Request, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response> | Response;

const EXCLUDED: Record<string, string> = {
  inngest: "the Inngest SDK's own serve handler: it answers the engine (signed in cloud mode), not users, and validates its own protocol",
  "auth/[...all]": "better-auth's catch-all takes its own bodies per endpoint; it is exercised separately at the end of this file",
};
/**
 * Routes that authenticate the body itself rather than a session: the sweep signs what it sends, so
 * the bad input reaches the parser (an unsigned body is 401 before parsing; tested with the route).
 */
const SIGNS_BODY: Record<string, (body: string) => Record<string, string> | Promise<Record<string, string>>> = {
  "webhooks/facebook": (body) => ({ "x-hub-signature-256": signWebhookBody(body, webhookAppSecret(env())) }),
  // The organization's current secret, read per call: the sweep's own calls to the rotate route change it.
  "webhooks/agents/[organizationId]": async (body) => {
    const [secret] = await activeWebhookSecrets(handle.db, loadKeyring(env()), real.organizationId as string, new Date());
    return { "x-aigency-signature": signInbound(body, secret!, Math.floor(Date.now() / 1000)) };
  },
  "webhooks/github": (body) => ({ "x-hub-signature-256": signWebhookBody(body, GITHUB_SECRET), "x-github-event": "issues" }),
};
const GITHUB_SECRET = "bad-input-sweep-github-secret";
/** Routes whose URL alone names the action: a body is never read, so a bad one is not an error. */
const IGNORES_BODY: Record<string, string> = {
  "POST notifications/[id]/read": "marks the notification named in the URL; there is nothing in the body",
  "POST notifications/read-all": "marks all of the viewer's own notifications read; there is nothing in the body",
};

const routes = readdirSync(API_ROOT, { recursive: true, encoding: "utf8" })
  .filter((f) => path.basename(f) === "route.ts")
  .map((f) => path.dirname(f).split(path.sep).join("/"))
  .sort();
const swept = routes.filter((r) => !(r in EXCLUDED));

const paramOf = (segment: string) => /^\[(\.\.\.)?(\w+)\]$/.exec(segment);

/** Real ids for every dynamic segment, so the handler gets past "not found" and reaches the body. */
let real: Record<string, string | string[]>;
const GARBAGE_IDS = ["not-a-uuid", "00000000-0000-0000-0000-000000000000", "../../etc/passwd", "'; drop table projects; --", "\u0000", "%E0%A4%A", "x".repeat(5000)];
const GARBAGE_PATHS = [["..", "..", "etc", "passwd"], ["a\u0000b"], [""], ["%2e%2e", "secret"], ["x".repeat(5000)]];
const QUERY_KEYS = ["projectId", "code", "state", "error", "error_description", "exp", "sig", "to", "limit", "adAccountId", "kind", "userId", "channel", "token"];
const GARBAGE_QUERIES = [
  QUERY_KEYS.map((k) => `${k}=${"x".repeat(3000)}`).join("&"),
  QUERY_KEYS.map((k) => `${k}=%00`).join("&"),
  QUERY_KEYS.map((k) => `${k}=%E0%A4%A&${k}[]=1&${k}=2`).join("&"),
  QUERY_KEYS.filter((k) => k !== "error").map((k) => `${k}=${encodeURIComponent("'; --../..")}`).join("&"),
];
const BAD_BODIES: { name: string; body: string; status: number; names: RegExp }[] = [
  { name: "malformed JSON", body: '{"confirm": tru', status: 400, names: /\(body\)/ },
  { name: "a JSON array", body: "[1,2,3]", status: 400, names: /\(body\)/ },
  { name: "a JSON number", body: "42", status: 400, names: /\(body\)/ },
  { name: "arrays nested 5,000 deep", body: `${"[".repeat(5_000)}${"]".repeat(5_000)}`, status: 400, names: /\(body\)/ },
  { name: "a NUL character in a field", body: JSON.stringify({ confirm: true, content: "a\u0000b" }), status: 400, names: /^content: / },
  // The cap is said in bytes, or as the field's own limit where the route knows which field is long.
  // Over the largest cap any route has (a generation spec's body, 3 MB).
  { name: "an oversized body", body: JSON.stringify({ content: "x".repeat(JOB_BODY_MAX_BYTES) }), status: 413, names: /bytes|content: is too long/ },
];

let handle: Awaited<ReturnType<typeof createTestDb>>;
let cookie: string;
const tables: PgTable[] = (Object.values(schema) as unknown[]).filter((t): t is PgTable => is(t, PgTable));
const tokenServer = setupServer(
  http.post("*/v1/realtime/token", () => HttpResponse.json({ jwt: "a.b.c" })),
  // The engine answers the agents' health probe, so that route's 200 is the sweep's concern, not its 503.
  http.get("*/health", () => HttpResponse.text("ok")),
);

async function countRows(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const t of tables) counts[getTableName(t)] = (await handle.db.select({ n: count() }).from(t))[0]!.n;
  return counts;
}

function urlFor(route: string, params: Record<string, string | string[]>, query = "") {
  const segments = route.split("/").map((s) => {
    const m = paramOf(s);
    if (!m) return s;
    const v = params[m[2]!]!;
    return Array.isArray(v) ? v.map(encodeURIComponent).join("/") : encodeURIComponent(v);
  });
  return `http://localhost:3000/api/${segments.join("/")}${query ? `?${query}` : ""}`;
}

function paramsFor(route: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const s of route.split("/")) {
    const m = paramOf(s);
    if (!m) continue;
    const value = real[m[2]!];
    if (value === undefined) throw new Error(`Give the sweep a real value for [${m[2]}] (route ${route})`);
    out[m[2]!] = value;
  }
  return out;
}

async function call(route: string, method: Method, opts: { params?: Record<string, string | string[]>; query?: string; body?: string } = {}) {
  const mod = (await import(path.join(API_ROOT, route, "route.ts"))) as Partial<Record<Method, Handler>>;
  const params = opts.params ?? paramsFor(route);
  const withBody = method !== "GET" && opts.body !== undefined;
  const req = new Request(urlFor(route, params, opts.query), {
    method,
    headers: { cookie, "content-type": "application/json", origin: "http://localhost:3000", ...(withBody ? await SIGNS_BODY[route]?.(opts.body!) : {}) },
    body: withBody ? opts.body : undefined,
  });
  return mod[method]!(req, { params: Promise.resolve(params) });
}

/** The contract for any bad input: below 500, a readable JSON error on 4xx, nothing written. */
async function expectRefusedSafely(res: Response, before: Record<string, number>, what: string, names?: RegExp) {
  expect(res.status, `${what} answered ${res.status}`).toBeLessThan(500);
  if (res.status >= 400) {
    expect(res.headers.get("content-type"), what).toMatch(/application\/json/);
    const body = (await res.json()) as { error?: unknown };
    expect(typeof body.error, `${what}: ${JSON.stringify(body)}`).toBe("string");
    if (names) expect(body.error, what).toMatch(names);
  }
  expect(await countRows(), `${what} wrote rows`).toEqual(before);
}

async function exportedMethods(route: string): Promise<Method[]> {
  const mod = (await import(path.join(API_ROOT, route, "route.ts"))) as Record<string, unknown>;
  return METHODS.filter((m) => typeof mod[m] === "function");
}

beforeAll(async () => {
  tokenServer.listen({ onUnhandledRequest: "bypass" });
  vi.stubEnv("AIGENCY_TEST_CONTROLS", "1"); // the dev routes then parse their input instead of hiding
  vi.stubEnv("GITHUB_WEBHOOK_SECRET", GITHUB_SECRET); // the GitHub hook is on, so it parses what it gets
  resetEnv();
  handle = await createTestDb();
  setDeps(embeddedDeps(handle.db));
  const w = await seedWorld(handle.db, { name: "Sweep" });
  await new InngestTestEngine({
    function: generateCampaignPlan,
    events: [onboardingBriefExtracted.create({ organizationId: w.organizationId, projectId: w.projectId, briefId: w.briefId, briefVersion: 1, userId: w.owner.userId }) as never],
    transformCtx: testCtx().transformCtx,
  }).execute();
  const [plan] = await handle.db.select().from(schema.campaignRecords).where(eq(schema.campaignRecords.projectId, w.projectId));
  const [note] = await handle.db.select().from(schema.notifications).where(eq(schema.notifications.userId, w.owner.userId));
  cookie = w.owner.cookie;
  // An ad set in the organization's simulated account and an action awaiting approval, so the dev
  // object control and the approve/dismiss routes get past "not found" and read their bodies.
  const adAccountId = simulatedAdAccountsFor(w.organizationId)[0]!.id;
  const [adSet] = await handle.db
    .insert(schema.simulatedAdObjects)
    .values({ id: "120000000000777", adAccountId, kind: "adset", name: "Sweep ad set", status: "ACTIVE", fields: { daily_budget: 1000 } })
    .returning();
  const [action] = await handle.db
    .insert(schema.optimizationActions)
    .values({
      organizationId: w.organizationId, projectId: w.projectId, campaignId: plan!.id, adAccountId, rule: "scale-winner",
      kind: "RAISE_BUDGET", objectType: "campaign", objectId: "120000000000700", status: "AWAITING_APPROVAL", requiresApproval: true,
      reason: "Doing well", before: { dailyBudgets: { [adSet!.id]: 1000 } }, after: { dailyBudgets: { [adSet!.id]: 1500 } },
      snapshotDate: "2026-11-29", idempotencyKey: "scale-winner:sweep:2026-11-29",
    })
    .returning();
  // A stored weekly report, so the PDF route gets past "not found" with garbage around a real id.
  const week = { spendCents: 1000, reach: 10, results: 1, conversionValueCents: 0, costPerResultCents: 1000, roas: null };
  const [report] = await handle.db
    .insert(schema.weeklyReports)
    .values({
      organizationId: w.organizationId, projectId: w.projectId, campaignId: plan!.id, week: 1, weekStart: "2026-11-23", weekEnding: "2026-11-29",
      figures: { currency: "USD", resultLabel: "sales", weekStart: "2026-11-23", weekEnding: "2026-11-29", current: week, previous: null, days: [] },
      summary: "A first week.", summarySource: "template", createdByRun: "sweep",
    })
    .returning();
  // An open brief change card, so the brief-proposal outcome route gets past "not found".
  const [proposal] = await handle.db
    .insert(schema.messages)
    .values({
      organizationId: w.organizationId, conversationId: plan!.conversationId!, role: "ASSISTANT", type: "TEXT", content: "Proposed brief change",
      metadata: { kind: "brief-update-proposal", projectId: w.projectId, briefVersion: 1, outcome: null },
    })
    .returning();
  // The brief's artifact, so the workspace panel's artifact routes get past "not found".
  const [artifact] = await handle.db.select().from(schema.artifacts).where(eq(schema.artifacts.projectId, w.projectId));
  // A creative session with its version 1, so the creative routes get past "not found".
  const creative = await createCreativeSession(handle.db, { organizationId: w.organizationId, userId: w.owner.userId, projectId: w.projectId, brandName: "Sweep", brandUrl: "https://sweep.example/" });
  // A design of the owner's, so the design route gets past "not found".
  const design = await createDesign(handle.db, { organizationId: w.organizationId, ownerId: w.owner.userId, projectId: w.projectId });
  real = {
    projectId: w.projectId, campaignId: plan!.id, conversationId: plan!.conversationId!, id: note!.id, path: ["reports", "summary.png"],
    objectId: adSet!.id, actionId: action!.id, reportId: report!.id, messageId: proposal!.id, artifactId: artifact!.id,
    sessionId: creative!.sessionId, versionId: creative!.versionId, designId: (design as { designId: string }).designId,
    // A finished job: its routes get past "not found", and a cancel has nothing left to write.
    jobId: (await seedJob(handle.db, w, { status: "failed", error: "Cancelled by the owner", finishedAt: new Date() })).id,
    organizationId: w.organizationId,
  };
  // The organization's inbound-webhook secret exists, so its signed bodies reach the parser (and a rotation writes no row).
  await rotateWebhookSecret(handle.db, loadKeyring(env()), w.organizationId, new Date());
  // An improvement card, so the board's decision route gets past "not found" and reads its body.
  const [card] = await handle.db
    .insert(schema.agentImprovements)
    .values({ organizationId: w.organizationId, agentType: "analyst", week: "2026-W47", title: "Sweep", pattern: "p", recommendation: "r" })
    .returning();
  real.improvementId = card!.id;
  // Bad input never reaches the engine.
  vi.spyOn(inngest, "send").mockRejectedValue(new Error("bad input must not send events"));
});

afterAll(async () => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  resetEnv();
  tokenServer.close();
  setDeps();
  await handle?.close();
});

describe("bad input on every API route", () => {
  it("finds the routes on disk, and every exclusion still names a real route", () => {
    expect(swept.length).toBeGreaterThan(15);
    for (const r of Object.keys(EXCLUDED)) expect(routes).toContain(r);
  });

  describe.each(swept)("/api/%s", (route) => {
    it("refuses unreadable, mistyped and oversized bodies with a 4xx naming the body", async () => {
      for (const method of await exportedMethods(route)) {
        if (method === "GET") continue; // a GET carries no body
        for (const bad of BAD_BODIES) {
          const before = await countRows();
          const res = await call(route, method, { body: bad.body });
          const what = `${method} /api/${route} with ${bad.name}`;
          if (`${method} ${route}` in IGNORES_BODY) {
            await expectRefusedSafely(res, before, what);
            continue;
          }
          expect(res.status, what).toBe(bad.status);
          await expectRefusedSafely(res, before, what, bad.names);
        }
      }
    });

    it("survives garbage path params and query strings", async () => {
      for (const method of await exportedMethods(route)) {
        const body = method === "GET" ? undefined : "{}";
        for (const query of GARBAGE_QUERIES) {
          const before = await countRows();
          const res = await call(route, method, { query, body });
          await expectRefusedSafely(res, before, `${method} /api/${route} with a garbage query`);
        }
        for (const [name, value] of Object.entries(paramsFor(route))) {
          const garbage: (string | string[])[] = Array.isArray(value) ? GARBAGE_PATHS : GARBAGE_IDS;
          for (const g of garbage) {
            const before = await countRows();
            const res = await call(route, method, { params: { ...paramsFor(route), [name]: g }, body });
            await expectRefusedSafely(res, before, `${method} /api/${route} with [${name}]=${JSON.stringify(g).slice(0, 40)}`);
          }
        }
      }
    });
  });
});

describe("better-auth's catch-all", () => {
  const auth = "auth/[...all]";
  it.each(["sign-up/email", "sign-in/email"])("does not fail on bad bodies sent to %s, and writes nothing", async (endpoint) => {
    for (const bad of BAD_BODIES) {
      const before = await countRows();
      const res = await call(auth, "POST", { params: { all: endpoint.split("/") }, body: bad.body });
      expect(res.status, `${endpoint} with ${bad.name}`).toBeGreaterThanOrEqual(400);
      expect(res.status, `${endpoint} with ${bad.name}`).toBeLessThan(500);
      expect(await countRows()).toEqual(before);
    }
  });

  it("does not fail on a garbage query or an unknown path", async () => {
    for (const query of GARBAGE_QUERIES) {
      const res = await call(auth, "GET", { params: { all: ["get-session"] }, query });
      expect(res.status).toBeLessThan(500);
    }
    const unknown = await call(auth, "POST", { params: { all: ["..", "nope"] }, body: "{}" });
    expect(unknown.status).toBeLessThan(500);
  });
});
