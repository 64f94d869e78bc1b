import { InngestTestEngine } from "@inngest/test";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { resetEnv } from "@/env";
import { GET as listDeliveries } from "@/app/api/dev/webhook-deliveries/route";
import { POST } from "@/app/api/webhooks/facebook/route";
import { purgeOldDeliveries } from "@/inngest/functions/webhooks/purge-old-deliveries";
import { recordWebhookDelivery } from "@/inngest/functions/webhooks/record-delivery";
import { facebookWebhookDeliveries } from "@/server/db/schema";
import { setDeps } from "@/server/deps";
import { createTestDb } from "../../support/db";
import { jsonRequest } from "../../support/viewers";
import { embeddedDeps, seedWorld, testCtx, type World } from "../campaigns/support";
import { captureSends, facebookPost, leadgenDelivery } from "./endpoint-support";

let handle: Awaited<ReturnType<typeof createTestDb>>;
let world: World;

beforeAll(async () => {
  handle = await createTestDb();
  setDeps(embeddedDeps(handle.db));
  world = await seedWorld(handle.db, { name: "Support" });
});
beforeEach(async () => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  await handle.db.delete(facebookWebhookDeliveries);
});
afterAll(async () => {
  setDeps();
  await handle?.close();
});

/** The delivery event the endpoint sends for a real-shaped leadgen delivery. */
async function acceptedEvent(raw = JSON.stringify(leadgenDelivery())) {
  const { events } = captureSends();
  expect((await POST(facebookPost(raw))).status).toBe(200);
  vi.restoreAllMocks();
  return events().find((e) => e.name === "facebook/webhook.delivery-accepted")!;
}

const record = (...events: Awaited<ReturnType<typeof acceptedEvent>>[]) =>
  new InngestTestEngine({ function: recordWebhookDelivery, events: events as never, transformCtx: testCtx().transformCtx }).execute();

describe("webhooks-record-delivery", () => {
  it("stores the delivery as signed: raw bytes, change count, received at", async () => {
    const raw = JSON.stringify(leadgenDelivery());
    const event = await acceptedEvent(raw);
    const { result, error } = await record(event);
    expect(error).toBeUndefined();
    expect(result).toEqual({ stored: 1 });
    const [row] = await handle.db.select().from(facebookWebhookDeliveries);
    expect(row).toMatchObject({ id: event.data.deliveryId, object: "page", raw, changeCount: 1, signatureVerified: true });
    expect(row!.receivedAt.toISOString()).toBe(event.data.receivedAt);
  });

  it("stores one row when the same delivery is recorded by racing runs", async () => {
    const event = await acceptedEvent();
    const runs = await Promise.all([record(event), record(event), record(event)]);
    expect(runs.map((r) => r.error)).toEqual([undefined, undefined, undefined]);
    expect(runs.map((r) => (r.result as { stored: number }).stored).sort()).toEqual([0, 0, 1]);
    expect(await handle.db.select().from(facebookWebhookDeliveries)).toHaveLength(1);
  });

  it("stores a batch of deliveries in one step, a delivery repeated inside the batch once", async () => {
    const a = await acceptedEvent(JSON.stringify(leadgenDelivery({ leadgenId: "11" })));
    const b = await acceptedEvent(JSON.stringify(leadgenDelivery({ leadgenId: "12" })));
    const { result, ctx } = await record(a, b, a);
    expect(result).toEqual({ stored: 2 });
    expect(ctx.step.run).toHaveBeenCalledTimes(1);
    expect(await handle.db.select().from(facebookWebhookDeliveries)).toHaveLength(2);
  });
});

describe("webhooks-purge-old-deliveries", () => {
  it("deletes deliveries older than 30 days in bounded batches, one step each, and keeps recent ones", async () => {
    const day = 86_400_000;
    const rows = Array.from({ length: 1003 }, (_, i) => ({
      id: `old-${i}`, object: "page", raw: "{}", changeCount: 0, receivedAt: new Date(Date.now() - 31 * day - i * 1000),
    }));
    await handle.db.insert(facebookWebhookDeliveries).values(rows);
    await handle.db.insert(facebookWebhookDeliveries).values([
      { id: "recent", object: "page", raw: "{}", changeCount: 0, receivedAt: new Date(Date.now() - 29 * day) },
      { id: "today", object: "page", raw: "{}", changeCount: 0, receivedAt: new Date() },
    ]);
    const tick = { name: "inngest/scheduled.timer", data: { cron: "TZ=UTC 37 3 * * *" }, id: "tick", ts: Date.now() };
    const { result, error, ctx } = await new InngestTestEngine({ function: purgeOldDeliveries, events: [tick as never], transformCtx: testCtx().transformCtx }).execute();
    expect(error).toBeUndefined();
    expect(result).toMatchObject({ purged: 1003 });
    expect(ctx.step.run).toHaveBeenCalledWith("purge-batch-0", expect.any(Function));
    expect(ctx.step.run).toHaveBeenCalledWith("purge-batch-1", expect.any(Function));
    expect(ctx.step.run).not.toHaveBeenCalledWith("purge-batch-2", expect.any(Function));
    expect((await handle.db.select({ id: facebookWebhookDeliveries.id }).from(facebookWebhookDeliveries)).map((r) => r.id).sort()).toEqual(["recent", "today"]);
  });
});

describe("GET /api/dev/webhook-deliveries", () => {
  it("lists the latest deliveries, newest first, for a signed-in member", async () => {
    const first = await acceptedEvent(JSON.stringify(leadgenDelivery({ leadgenId: "1" })));
    await record(first);
    const second = await acceptedEvent(JSON.stringify(leadgenDelivery({ leadgenId: "2" })));
    await handle.db.insert(facebookWebhookDeliveries).values({
      id: second.data.deliveryId as string, object: "page", raw: second.data.raw as string, changeCount: 1, receivedAt: new Date(Date.now() + 1000),
    });
    const res = await listDeliveries(jsonRequest("/api/dev/webhook-deliveries?limit=5", { cookie: world.owner.cookie }));
    expect(res.status).toBe(200);
    const { deliveries } = (await res.json()) as { deliveries: { id: string; object: string; changeCount: number; receivedAt: string; raw: string }[] };
    expect(deliveries.map((d) => d.id)).toEqual([second.data.deliveryId, first.data.deliveryId]);
    expect(deliveries[1]).toMatchObject({ object: "page", changeCount: 1, raw: first.data.raw, receivedAt: first.data.receivedAt });
  });

  it("is 401 signed out, 400 for a bad limit, and absent (404) in production", async () => {
    expect((await listDeliveries(jsonRequest("/api/dev/webhook-deliveries"))).status).toBe(401);
    const bad = await listDeliveries(jsonRequest("/api/dev/webhook-deliveries?limit=1000", { cookie: world.owner.cookie }));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/^limit: /);
    const prod = { NODE_ENV: "production", INNGEST_DEV: "", INNGEST_EVENT_KEY: "evt", INNGEST_SIGNING_KEY: "signkey", AIGENCY_TEST_CONTROLS: "",
      BETTER_AUTH_SECRET: "s".repeat(32), ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64") };
    for (const [k, v] of Object.entries(prod)) vi.stubEnv(k, v);
    resetEnv();
    expect((await listDeliveries(jsonRequest("/api/dev/webhook-deliveries", { cookie: world.owner.cookie }))).status).toBe(404);
  });
});
