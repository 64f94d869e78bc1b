import { createHmac, randomBytes } from "node:crypto";
import { describe, expect, inject, it } from "vitest";
import { SDK_SIGNING_KEY_PREFIX } from "../../scripts/lib/selfhost-config.mjs";
import { engineApi } from "./support/engine";

/**
 * Signing, both ways, on the selfhost profile: the app in cloud mode refuses calls to /api/inngest
 * that its engine did not sign, and both `inngest start` nodes refuse events without the event key
 * and registrations without the signing key.
 */
const engine = inject("engine");
const serveUrl = `${inject("appUrl")}/api/inngest`;
const { a: nodeA, b: nodeB } = engine.nodes!;
const engineKey = engine.apiToken!;
const wrongKey = `${SDK_SIGNING_KEY_PREFIX}${randomBytes(32).toString("hex")}`;

/** The X-Inngest-Signature header the engine sends: HMAC-SHA256 of body + timestamp, keyed by the bare key. */
function signature(body: string, key: string): string {
  const ts = Math.round(Date.now() / 1000).toString();
  const mac = createHmac("sha256", key.replace(/^signkey-\w+-/, "")).update(body + ts).digest("hex");
  return `t=${ts}&s=${mac}`;
}

async function callServe(method: "POST" | "PUT", opts: { query?: string; body: unknown; key?: string; headers?: Record<string, string> }) {
  const body = JSON.stringify(opts.body);
  const headers: Record<string, string> = { "content-type": "application/json", ...opts.headers };
  if (opts.key) headers["x-inngest-signature"] = signature(body, opts.key);
  const res = await fetch(`${serveUrl}${opts.query ?? ""}`, { method, headers, body });
  return { status: res.status, text: await res.text() };
}

// What the engine POSTs to run a function's step (keys in canonical order, as the SDK verifies them).
const CALL = {
  ctx: { attempt: 0, fn_id: "aigency-deploy-campaign", run_id: "01JZZZZZZZZZZZZZZZZZZZZZZZ", stack: { stack: [], current: 0 } },
  event: { data: { campaignId: "forged" }, name: "campaign/plan.approved" },
  events: [{ data: { campaignId: "forged" }, name: "campaign/plan.approved" }],
  steps: {},
  version: 2,
};
const IN_BAND_SYNC = { headers: { "x-inngest-sync-kind": "in_band" }, body: { url: serveUrl } };

describe("signing is enforced both ways on the self-hosted engine", () => {
  it("the app refuses an unsigned or wrongly signed step call and in-band sync, and accepts its engine's signature", async () => {
    const call = { query: "?fnId=aigency-deploy-campaign&stepId=step", body: CALL };
    expect((await callServe("POST", call)).status).toBe(401);
    expect((await callServe("POST", { ...call, key: wrongKey })).status).toBe(401);

    expect((await callServe("PUT", IN_BAND_SYNC)).status).toBe(401);
    expect((await callServe("PUT", { ...IN_BAND_SYNC, key: wrongKey })).status).toBe(401);
    // The same request signed with the engine's key is answered: the refusals above are about the key.
    const signed = await callServe("PUT", { ...IN_BAND_SYNC, key: engineKey });
    expect(signed.status, signed.text).toBe(200);
    expect(JSON.parse(signed.text)).toMatchObject({ url: serveUrl });
  });

  it("both nodes refuse events without the event key; one sent to node A with it is read back from node B", async () => {
    const since = new Date(Date.now() - 1_000);
    const marker = randomBytes(8).toString("hex");
    for (const node of [nodeA, nodeB]) {
      for (const key of ["test", randomBytes(16).toString("hex")]) {
        const res = await fetch(`${node.url}/e/${key}`, { method: "POST", body: JSON.stringify({ name: "e2e/signing.checked", data: { marker } }) });
        expect(res.status, `${node.url}/e/${key}`).toBe(401);
      }
    }
    const api = engineApi();
    const [id] = await api.sendEvents([{ name: "e2e/signing.checked", data: { marker } }]);
    // The event stored by node A is in the shared Postgres, where node B (the read side) finds it once.
    const stored = await api.waitForEvent("e2e/signing.checked", { marker }, { since });
    expect(stored.id).toBe(id);
    expect((await api.listEvents("e2e/signing.checked", since)).filter((e) => e.data.marker === marker)).toHaveLength(1);
  });

  it("both nodes refuse a registration that is not signed with their signing key", async () => {
    const registration = JSON.stringify({ url: "http://127.0.0.1:9/api/inngest", appName: "forged", framework: "nextjs", sdk: "js:v4", v: "0.1", functions: [] });
    for (const node of [nodeA, nodeB]) {
      const unsigned = await fetch(`${node.url}/fn/register`, { method: "POST", headers: { "content-type": "application/json" }, body: registration });
      expect(unsigned.status, node.url).toBe(401);
      const wrong = await fetch(`${node.url}/fn/register`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${wrongKey}` }, body: registration });
      expect(wrong.status, node.url).toBe(401);
    }
  });
});
