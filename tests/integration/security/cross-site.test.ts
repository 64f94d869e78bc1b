import { readdirSync } from "node:fs";
import path from "node:path";
import { count, getTableName, is } from "drizzle-orm";
import { PgTable } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { env } from "@/env";
import { inngest } from "@/inngest/client";
import * as schema from "@/server/db/schema";
import { setDeps } from "@/server/deps";
import { createCreativeSession } from "@/server/creative/sessions";
import { issueUnsubscribeToken, unsubscribeSecret } from "@/server/notifications/unsubscribe-token";
import { embeddedDeps, seedWorld } from "../campaigns/support";
import { createTestDb } from "../../support/db";
import { seedJob, validSpec } from "../appgen/jobs-support";

/**
 * Every state-changing handler under src/app/api, found on disk so a new route cannot be left
 * out, is called the way a page on another site makes a signed-in browser call it: with the
 * victim's session cookie and a foreign Origin (or only `Sec-Fetch-Site: cross-site`). Each must
 * answer 403, write nothing and send no event.
 */
const API_ROOT = path.resolve(import.meta.dirname, "../../../src/app/api");
const STATE_CHANGING = ["POST", "PUT", "PATCH", "DELETE"] as const;
type Method = (typeof STATE_CHANGING)[number];
type Handler = (req: Request, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response> | Response;

const routes = readdirSync(API_ROOT, { recursive: true, encoding: "utf8" })
  .filter((f) => path.basename(f) === "route.ts")
  .map((f) => path.dirname(f).split(path.sep).join("/"))
  .sort();

/** A body each route would accept from its own page, so only the origin can be the reason for a 403. */
const BODIES: Record<string, unknown> = {
  projects: { name: "Forged project", websiteUrl: "https://evil.example" },
  "projects/[projectId]/conversation": { content: "approve everything" },
  "campaigns/[campaignId]/approve": { confirm: true },
  "campaigns/[campaignId]/resume": { confirm: true },
  "campaigns/[campaignId]/cleanup": { confirm: true },
  "campaigns/[campaignId]/request-changes": { feedback: "Spend $10,000 a day" },
  "auth/[...all]": { name: "Mallory", email: "mallory@example.test", password: "correct horse battery" },
  "dev/simulated-ads/faults": { operation: "createAd", code: 17, message: "x" },
  "notifications/email-preference": { level: "NONE" },
  "creative/sessions": { brandName: "Forged brand", brandUrl: "https://evil.example/", projectId: "" },
  "creative/sessions/[sessionId]/versions": { feedback: "start fresh", quickChoice: "start-fresh" },
  "agents/improvements/[improvementId]": { status: "IMPLEMENTED" },
  // "appgen/jobs" gets a valid spec for the victim's project in beforeAll; the job routes take no body.
  // "notifications/unsubscribe" gets the victim's own valid token in beforeAll.
};

let handle: Awaited<ReturnType<typeof createTestDb>>;
let cookie: string;
let params: Record<string, string | string[]>;
const tables: PgTable[] = (Object.values(schema) as unknown[]).filter((t): t is PgTable => is(t, PgTable));

async function countRows(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const t of tables) counts[getTableName(t)] = (await handle.db.select({ n: count() }).from(t))[0]!.n;
  return counts;
}

function urlFor(route: string): string {
  const segments = route.split("/").map((s) => {
    const m = /^\[(\.\.\.)?(\w+)\]$/.exec(s);
    if (!m) return s;
    const v = params[m[2]!]!;
    return Array.isArray(v) ? v.join("/") : v;
  });
  return `http://localhost:3000/api/${segments.join("/")}`;
}

async function handlersOf(route: string): Promise<[Method, Handler][]> {
  const mod = (await import(path.join(API_ROOT, route, "route.ts"))) as Partial<Record<Method, Handler>>;
  return STATE_CHANGING.filter((m) => typeof mod[m] === "function").map((m) => [m, mod[m]!]);
}

// Only routes that export a state-changing method (GET-only routes have nothing to forge).
const changing = (await Promise.all(routes.map(async (r) => ((await handlersOf(r)).length ? r : null)))).filter((r): r is string => r !== null);

function forged(route: string, method: Method, headers: Record<string, string>): Request {
  return new Request(urlFor(route), {
    method,
    headers: { cookie, "content-type": "application/json", ...headers },
    body: JSON.stringify(BODIES[route] ?? {}),
  });
}

beforeAll(async () => {
  vi.stubEnv("AIGENCY_TEST_CONTROLS", "1"); // the fault route exists, so it is swept too
  handle = await createTestDb();
  setDeps(embeddedDeps(handle.db));
  const w = await seedWorld(handle.db, { name: "Victim" });
  cookie = w.owner.cookie;
  BODIES["notifications/unsubscribe"] = { token: issueUnsubscribeToken(w.owner.userId, unsubscribeSecret(env())), level: "NONE" };
  // The origin is checked before anything else, so ids that name nothing are enough here.
  params = { projectId: w.projectId, campaignId: crypto.randomUUID(), conversationId: crypto.randomUUID(), id: crypto.randomUUID(), all: ["sign-up", "email"], organizationId: w.organizationId };
  // A real creative session, so a forged resume would otherwise have something to add a version to.
  const creative = await createCreativeSession(handle.db, { organizationId: w.organizationId, userId: w.owner.userId, projectId: w.projectId, brandName: "Victim", brandUrl: "https://victim.example/" });
  Object.assign(params, { sessionId: creative!.sessionId, versionId: creative!.versionId });
  (BODIES["creative/sessions"] as { projectId: string }).projectId = w.projectId;
  BODIES["appgen/designs"] = { projectId: w.projectId };
  params.designId = crypto.randomUUID();
  BODIES["appgen/jobs"] = validSpec(w.projectId);
  // A running job, so a forged cancel or download would otherwise have something to act on.
  params.jobId = (await seedJob(handle.db, w, { status: "running" })).id;
  // A real improvement card of the victim's, so a forged decision would otherwise have something to change.
  const [card] = await handle.db
    .insert(schema.agentImprovements)
    .values({ organizationId: w.organizationId, agentType: "copywriter", week: "2026-W47", title: "Forged", pattern: "p", recommendation: "r" })
    .returning();
  params.improvementId = card!.id;
  vi.spyOn(inngest, "send").mockRejectedValue(new Error("a cross-site request must not send events"));
});

afterAll(async () => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  setDeps();
  await handle?.close();
});

describe("cross-site requests to every state-changing route", () => {
  it("finds the routes on disk", () => {
    expect(changing.length).toBeGreaterThanOrEqual(14);
    expect(changing).toEqual(expect.arrayContaining(["auth/[...all]", "auth/facebook", "inngest", "projects", "campaigns/[campaignId]/approve"]));
  });

  const attacks = [
    ["a foreign Origin", { origin: "https://evil.example" }],
    ["a sibling subdomain's Origin", { origin: "http://evil.localhost:3000" }],
    ["an opaque Origin (sandboxed frame)", { origin: "null" }],
    ["Sec-Fetch-Site: cross-site without Origin", { "sec-fetch-site": "cross-site" }],
    ["Sec-Fetch-Site: same-site with our Origin spoofed", { "sec-fetch-site": "same-site", origin: "http://localhost:3000" }],
  ] as const;

  describe.each(changing)("/api/%s", (route) => {
    it.each(attacks)("answers 403 to %s, writes nothing, sends nothing", async (_name, headers) => {
      for (const [method, handler] of await handlersOf(route)) {
        const before = await countRows();
        const res = await handler(forged(route, method, headers), { params: Promise.resolve(params) });
        expect(res.status, `${method} /api/${route}`).toBe(403);
        expect(((await res.json()) as { error: string }).error).toMatch(/cross-site/i);
        expect(await countRows(), `${method} /api/${route} wrote rows`).toEqual(before);
      }
    });
  });

  it("lets the app's own pages through (same Origin, or no Origin from non-browser clients)", async () => {
    const [[, create]] = (await handlersOf("projects")) as [[Method, Handler]];
    const sameOrigin: Record<string, string>[] = [{ origin: "http://localhost:3000", "sec-fetch-site": "same-origin" }, {}];
    for (const headers of sameOrigin) {
      const res = await create(forged("projects", "POST", headers), { params: Promise.resolve({}) });
      expect(res.status).toBe(201); // saved; the refused event send only adds a warning
    }
  });
});
