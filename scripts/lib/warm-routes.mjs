/**
 * `next dev` compiles a route the first time it is requested (10–20 s each on 2 cores), so a
 * newcomer's first clicks would each wait for a compile. `npm run dev` requests the main routes
 * once in the background instead, in the order a newcomer meets them.
 *
 * Every request is an unauthenticated GET: protected pages redirect to sign-in, API routes answer
 * 401 or 405, nothing is written. Any answer means the route is compiled. Dynamic segments get a
 * placeholder id (tests/unit/scripts/warm-routes.test.ts checks each path still names a route).
 */
/* global fetch, AbortSignal, performance */

export const WARM_UP_ID = "warm-up";

export const MAIN_ROUTES = [
  "/",
  "/sign-up",
  "/api/auth/get-session",
  "/dashboard",
  "/api/projects",
  `/projects/${WARM_UP_ID}`,
  `/api/projects/${WARM_UP_ID}/conversation`,
  `/api/conversations/${WARM_UP_ID}/messages`,
  `/api/conversations/${WARM_UP_ID}/realtime-token`,
  "/api/notifications",
  "/api/notifications/realtime-token",
  `/api/projects/${WARM_UP_ID}/brief`,
  `/api/projects/${WARM_UP_ID}/brief/confirm`,
  "/api/auth/facebook",
  `/projects/${WARM_UP_ID}/campaigns`,
  `/projects/${WARM_UP_ID}/campaigns/${WARM_UP_ID}`,
  `/api/campaigns/${WARM_UP_ID}/approve`,
  "/sign-in",
  "/status",
  "/dev/mailbox",
];

// A cold compile under load can take minutes; past this the route is left for the first visitor.
const PER_ROUTE_TIMEOUT_MS = 300_000;

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

/**
 * Requests `routes` one after another (in parallel they would only fight over the same cores).
 * Never throws: warming is a convenience, `npm run dev` keeps running whatever happens here.
 */
export async function warmRoutes({ baseUrl, routes = MAIN_ROUTES, log = console.log }) {
  const started = performance.now();
  let warmed = 0;
  for (const [index, route] of routes.entries()) {
    const t0 = performance.now();
    try {
      const res = await fetch(new URL(route, baseUrl), { redirect: "manual", signal: AbortSignal.timeout(PER_ROUTE_TIMEOUT_MS) });
      await res.arrayBuffer();
      const note = res.status >= 500 ? ` (answered ${res.status}; see the next log above)` : "";
      log(`[warm-up] ${index + 1}/${routes.length} ${route} compiled in ${seconds(performance.now() - t0)}${note}`);
      warmed += 1;
    } catch (error) {
      if (error?.name === "TimeoutError") {
        log(`[warm-up] ${index + 1}/${routes.length} ${route} still compiling after ${seconds(PER_ROUTE_TIMEOUT_MS)}; moving on`);
        continue;
      }
      // Connection refused: next dev has stopped; the dev script reports that itself.
      log(`[warm-up] stopped: ${baseUrl} no longer answers (${error?.cause?.code ?? error?.message})`);
      return { warmed, ms: performance.now() - started };
    }
  }
  const ms = performance.now() - started;
  log(`[warm-up] done: ${warmed}/${routes.length} main routes compiled in ${seconds(ms)}; first visits no longer wait for a compile`);
  return { warmed, ms };
}
