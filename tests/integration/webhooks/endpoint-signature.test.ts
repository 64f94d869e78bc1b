import { afterEach, describe, expect, it, vi } from "vitest";
import { GET, POST } from "@/app/api/webhooks/facebook/route";
import { inngest } from "@/inngest/client";
import { MAX_WEBHOOK_BODY_BYTES } from "@/server/webhooks/accept-delivery";
import { signWebhookBody } from "@/server/webhooks/signature";
import { adAccountDelivery, appSecret, captureSends, facebookPost, WEBHOOK_URL } from "./endpoint-support";

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

const body = JSON.stringify(adAccountDelivery());

describe("POST /api/webhooks/facebook: the signature over the raw bytes", () => {
  it("accepts a delivery signed with the app secret: 200, the delivery and each change sent in one engine call", async () => {
    const { spy, events } = captureSends();
    const res = await POST(facebookPost(body));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ received: 2 });
    expect(spy).toHaveBeenCalledTimes(1);
    expect(events().map((e) => e.name)).toEqual(["facebook/webhook.delivery-accepted", "facebook/webhook.received", "facebook/webhook.received"]);
  });

  const refused: [string, () => Request][] = [
    ["no signature header", () => facebookPost(body, { signature: null })],
    ["an empty signature", () => facebookPost(body, { signature: "" })],
    ["a wrong signature", () => facebookPost(body, { signature: `sha256=${"0".repeat(64)}` })],
    ["a malformed header (no sha256= prefix)", () => facebookPost(body, { signature: signWebhookBody(body, appSecret()).slice(7) })],
    ["a malformed header (sha1, the old header's scheme)", () => facebookPost(body, { signature: `sha1=${"a".repeat(40)}` })],
    ["a malformed header (short hex)", () => facebookPost(body, { signature: signWebhookBody(body, appSecret()).slice(0, 40) })],
    ["a signature made with another secret", () => facebookPost(body, { signature: signWebhookBody(body, "someone-elses-app-secret") })],
    ["a body changed after signing", () => facebookPost(body.replace("PAUSED", "ACTIVE"), { signature: signWebhookBody(body, appSecret()) })],
    [
      "a JSON-equivalent body with different bytes (re-serialised with spaces)",
      () => facebookPost(JSON.stringify(JSON.parse(body), null, 2), { signature: signWebhookBody(body, appSecret()) }),
    ],
  ];

  it.each(refused)("answers 401 to %s and sends nothing", async (_name, request) => {
    const { spy } = captureSends();
    const res = await POST(request());
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: string }).error).toMatch(/X-Hub-Signature-256/);
    expect(spy).not.toHaveBeenCalled();
  });

  it("checks the signature before parsing: unsigned garbage is 401, not 400", async () => {
    const { spy } = captureSends();
    expect((await POST(facebookPost("{not json", { signature: null }))).status).toBe(401);
    expect(spy).not.toHaveBeenCalled();
  });

  it("refuses a body over the cap with 413 while reading, before the signature, and sends nothing", async () => {
    const { spy } = captureSends();
    const big = JSON.stringify({ ...adAccountDelivery(), pad: "x".repeat(MAX_WEBHOOK_BODY_BYTES) });
    expect((await POST(facebookPost(big))).status).toBe(413);
    // A chunked body without Content-Length is counted while streaming.
    const chunks = [new TextEncoder().encode(big.slice(0, 60_000)), new TextEncoder().encode(big.slice(60_000))];
    const stream = new ReadableStream<Uint8Array>({ pull: (c) => (chunks.length ? c.enqueue(chunks.shift()!) : c.close()) });
    const req = new Request(WEBHOOK_URL, {
      method: "POST",
      body: stream,
      duplex: "half",
      headers: { "x-hub-signature-256": signWebhookBody(big, appSecret()) },
    } as RequestInit);
    expect((await POST(req)).status).toBe(413);
    expect(spy).not.toHaveBeenCalled();
  });

  it("answers 503 with Retry-After when the engine is unreachable (a 200 would lose the change), logging no body or secret", async () => {
    vi.spyOn(inngest, "send").mockRejectedValue(new Error(`connect ECONNREFUSED ${body}`));
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const res = await POST(facebookPost(body));
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("30");
    const log = JSON.stringify(logged.mock.calls);
    expect(log).not.toContain("1234567890");
    expect(log).not.toContain(appSecret());
    expect(log).not.toContain("sha256=");
  });

  it("refuses a cross-site browser POST (an Origin that is not ours) before reading anything", async () => {
    const { spy } = captureSends();
    const res = await POST(facebookPost(body, { headers: { origin: "https://evil.example" } }));
    expect(res.status).toBe(403);
    expect(spy).not.toHaveBeenCalled();
  });
});

describe("GET /api/webhooks/facebook: the subscription handshake", () => {
  const TOKEN = "verify-me-0123456789";
  const handshake = (params: Record<string, string>) => GET(new Request(`${WEBHOOK_URL}?${new URLSearchParams(params)}`));

  it("answers the challenge as plain text when the verify token matches", async () => {
    vi.stubEnv("FACEBOOK_WEBHOOK_VERIFY_TOKEN", TOKEN);
    const res = await handshake({ "hub.mode": "subscribe", "hub.verify_token": TOKEN, "hub.challenge": "1158201444" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(await res.text()).toBe("1158201444");
  });

  it.each([
    ["a wrong token", { "hub.mode": "subscribe", "hub.verify_token": "guess", "hub.challenge": "1" }],
    ["a prefix of the token", { "hub.mode": "subscribe", "hub.verify_token": TOKEN.slice(0, -1), "hub.challenge": "1" }],
    ["the token with more after it", { "hub.mode": "subscribe", "hub.verify_token": `${TOKEN}x`, "hub.challenge": "1" }],
    ["no token", { "hub.mode": "subscribe", "hub.challenge": "1" }],
    ["another mode", { "hub.mode": "unsubscribe", "hub.verify_token": TOKEN, "hub.challenge": "1" }],
    ["no mode", { "hub.verify_token": TOKEN, "hub.challenge": "1" }],
  ])("answers 403 to %s, echoing nothing", async (_name, params) => {
    vi.stubEnv("FACEBOOK_WEBHOOK_VERIFY_TOKEN", TOKEN);
    const res = await handshake(params);
    expect(res.status).toBe(403);
    expect(await res.text()).not.toContain('"1"');
  });

  it("answers 403 when no verify token is configured, whatever is sent", async () => {
    vi.stubEnv("FACEBOOK_WEBHOOK_VERIFY_TOKEN", "");
    expect((await handshake({ "hub.mode": "subscribe", "hub.verify_token": "", "hub.challenge": "1" })).status).toBe(403);
    expect((await handshake({ "hub.mode": "subscribe", "hub.verify_token": "undefined", "hub.challenge": "1" })).status).toBe(403);
  });

  it("answers 400 for a missing challenge, and never echoes markup as the challenge", async () => {
    vi.stubEnv("FACEBOOK_WEBHOOK_VERIFY_TOKEN", TOKEN);
    const missing = await handshake({ "hub.mode": "subscribe", "hub.verify_token": TOKEN });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { error: string }).error).toMatch(/^hub\.challenge: /);
    const markup = await handshake({ "hub.mode": "subscribe", "hub.verify_token": TOKEN, "hub.challenge": "<script>alert(1)</script>" });
    expect(markup.status).toBe(400);
    expect(await markup.text()).not.toContain("<script>");
  });
});
