import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { MAIN_ROUTES, WARM_UP_ID, warmRoutes } from "../../../scripts/lib/warm-routes.mjs";

const appDir = path.resolve(import.meta.dirname, "../../../src/app");

/** Does `segments` reach a page.tsx or route.ts under `dir`, the way the App Router matches it? */
function routeFileFor(dir: string, segments: string[]): boolean {
  const children = fs.readdirSync(dir, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  const groups = children.filter((name) => /^\(.+\)$/.test(name));
  if (groups.some((group) => routeFileFor(path.join(dir, group), segments))) return true;
  if (segments.length === 0) return fs.existsSync(path.join(dir, "page.tsx")) || fs.existsSync(path.join(dir, "route.ts"));
  const [head, ...rest] = segments as [string, ...string[]];
  if (children.includes(head) && routeFileFor(path.join(dir, head), rest)) return true;
  if (children.some((name) => /^\[\.\.\..+\]$/.test(name) && routeFileFor(path.join(dir, name), []))) return true;
  const dynamic = children.filter((name) => /^\[[^.].*\]$/.test(name));
  return head === WARM_UP_ID && dynamic.some((name) => routeFileFor(path.join(dir, name), rest));
}

/** A stand-in for `next dev`: answers like the real routes do, slowly, and records what it saw. */
async function fakeNextDev(answer: (url: string) => { status: number; location?: string }) {
  const seen: string[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const server = http.createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    setTimeout(() => {
      inFlight -= 1;
      const { status, location } = answer(req.url ?? "");
      res.writeHead(status, location ? { location } : {}).end("compiled");
    }, 20);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  servers.push(server);
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { baseUrl, seen, maxInFlight: () => maxInFlight, close: () => new Promise((r) => server.close(r)) };
}

const servers: http.Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    if (server.listening) server.close();
  }
});

describe("npm run dev warms the main routes", () => {
  it("every warmed path still names a page or route handler under src/app", () => {
    const stale = MAIN_ROUTES.filter((route) => !routeFileFor(appDir, route.split("/").filter(Boolean)));
    expect(stale).toEqual([]);
    // The route list itself is what a newcomer meets first: sign-up, dashboard, project page.
    expect(MAIN_ROUTES.slice(0, 6)).toEqual(["/", "/sign-up", "/api/auth/get-session", "/dashboard", "/api/projects", `/projects/${WARM_UP_ID}`]);
  });

  it("requests each route once, one at a time, without following redirects, and logs progress", async () => {
    const next = await fakeNextDev((url) =>
      url === "/dashboard" ? { status: 307, location: "/sign-in" } : url === "/api/projects" ? { status: 401 } : { status: 200 },
    );
    const lines: string[] = [];
    const result = await warmRoutes({ baseUrl: next.baseUrl, routes: ["/sign-up", "/dashboard", "/api/projects"], log: (l) => lines.push(l) });

    expect(next.seen).toEqual(["GET /sign-up", "GET /dashboard", "GET /api/projects"]);
    expect(next.maxInFlight()).toBe(1);
    expect(result.warmed).toBe(3);
    expect(lines.slice(0, 3)).toEqual([
      expect.stringMatching(/^\[warm-up\] 1\/3 \/sign-up compiled in \d+\.\d s$/),
      expect.stringMatching(/^\[warm-up\] 2\/3 \/dashboard compiled in/),
      expect.stringMatching(/^\[warm-up\] 3\/3 \/api\/projects compiled in/),
    ]);
    expect(lines[3]).toMatch(/^\[warm-up\] done: 3\/3 main routes compiled in \d+\.\d s/);
  });

  it("a route that crashes is reported and the rest are still warmed", async () => {
    const next = await fakeNextDev((url) => ({ status: url === "/status" ? 500 : 200 }));
    const lines: string[] = [];
    const result = await warmRoutes({ baseUrl: next.baseUrl, routes: ["/status", "/sign-in"], log: (l) => lines.push(l) });

    expect(next.seen).toEqual(["GET /status", "GET /sign-in"]);
    expect(result.warmed).toBe(2);
    expect(lines[0]).toMatch(/\/status compiled in .*answered 500/);
  });

  it("stops quietly, without throwing, when next dev is gone", async () => {
    const next = await fakeNextDev(() => ({ status: 200 }));
    await next.close();
    const lines: string[] = [];
    const result = await warmRoutes({ baseUrl: next.baseUrl, routes: ["/", "/sign-up"], log: (l) => lines.push(l) });

    expect(result.warmed).toBe(0);
    expect(lines).toEqual([expect.stringMatching(/^\[warm-up\] stopped: http:\/\/127\.0\.0\.1:\d+ no longer answers \(ECONNREFUSED\)$/)]);
  });
});
