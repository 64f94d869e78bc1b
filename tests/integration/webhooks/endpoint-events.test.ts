import { createHash } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { POST } from "@/app/api/webhooks/facebook/route";
import { adAccountDelivery, captureSends, facebookPost, leadgenDelivery } from "./endpoint-support";

afterEach(() => vi.restoreAllMocks());

const changeEvents = (events: { name: string; id?: string; data: Record<string, unknown> }[]) =>
  events.filter((e) => e.name === "facebook/webhook.received");

describe("POST /api/webhooks/facebook: the events it sends", () => {
  it("sends one event per change of a batch (several entries and changes), each with its own id, plus the delivery", async () => {
    const { events } = captureSends();
    const first = adAccountDelivery({ accountId: "111" });
    const second = adAccountDelivery({ accountId: "222" });
    const batch = { object: "ad_account", entry: [...first.entry, ...second.entry] };
    const raw = JSON.stringify(batch);
    const res = await POST(facebookPost(raw));
    expect(await res.json()).toEqual({ received: 4 });
    const changes = changeEvents(events());
    expect(changes).toHaveLength(4);
    expect(new Set(changes.map((e) => e.id)).size).toBe(4);
    expect(changes.map((e) => [e.data.entryId, e.data.field])).toEqual([
      ["111", "with_issues_ad_objects"],
      ["111", "in_process_ad_objects"],
      ["222", "with_issues_ad_objects"],
      ["222", "in_process_ad_objects"],
    ]);
    const deliveryId = createHash("sha256").update(raw).digest("hex");
    for (const e of changes) {
      expect(e.id).toBe(`fb-change-${e.data.changeId as string}`);
      expect(e.data).toMatchObject({ deliveryId, object: "ad_account", time: 1_764_600_000 });
    }
    const [delivery] = events().filter((e) => e.name === "facebook/webhook.delivery-accepted");
    expect(delivery).toMatchObject({ id: `fb-delivery-${deliveryId}`, data: { deliveryId, object: "ad_account", raw, changeCount: 4 } });
  });

  it("gives a redelivered change the same event id, alone, inside another batch, or with its keys reordered", async () => {
    const { events } = captureSends();
    const lead = leadgenDelivery();
    await POST(facebookPost(JSON.stringify(lead)));
    await POST(facebookPost(JSON.stringify(lead)));
    const inBatch = { object: "page", entry: [...leadgenDelivery({ leadgenId: "900000000000002" }).entry, ...lead.entry] };
    await POST(facebookPost(JSON.stringify(inBatch)));
    const value = lead.entry[0]!.changes[0]!.value;
    const reordered = Object.fromEntries(Object.entries(value).reverse());
    await POST(facebookPost(JSON.stringify({ entry: [{ changes: [{ value: reordered, field: "leadgen" }], time: 1_764_600_100, id: value.page_id }], object: "page" })));
    const ids = changeEvents(events()).filter((e) => (e.data.value as { leadgen_id: string }).leadgen_id === "900000000000001").map((e) => e.id);
    expect(ids).toHaveLength(4);
    expect(new Set(ids).size).toBe(1);
    // A different change (another lead) is another id; the same bytes twice are the same delivery id.
    expect(changeEvents(events()).find((e) => (e.data.value as { leadgen_id: string }).leadgen_id === "900000000000002")!.id).not.toBe(ids[0]);
    const deliveries = events().filter((e) => e.name === "facebook/webhook.delivery-accepted").map((e) => e.id);
    expect(deliveries[0]).toBe(deliveries[1]);
    expect(new Set(deliveries).size).toBe(3);
  });

  it("tells apart changes that differ only in entry time or field", async () => {
    const { events } = captureSends();
    const d = adAccountDelivery();
    await POST(facebookPost(JSON.stringify(d)));
    await POST(facebookPost(JSON.stringify(adAccountDelivery({ time: 1_764_600_001 }))));
    const renamed = structuredClone(d);
    renamed.entry[0]!.changes[0]!.field = "with_issues_ad_objects_v2";
    await POST(facebookPost(JSON.stringify(renamed)));
    expect(new Set(changeEvents(events()).map((e) => e.id)).size).toBe(5);
  });

  it("sends the same change once when a batch repeats it", async () => {
    const { events } = captureSends();
    const d = leadgenDelivery();
    const twice = { object: "page", entry: [d.entry[0]!, d.entry[0]!] };
    expect(await (await POST(facebookPost(JSON.stringify(twice)))).json()).toEqual({ received: 1 });
    expect(changeEvents(events())).toHaveLength(1);
  });

  it("acknowledges unknown fields and entries without changes (recorded with the delivery)", async () => {
    const { events } = captureSends();
    const unknown = { object: "ad_account", entry: [{ id: "1", time: 5, changes: [{ field: "creative_fatigue", value: { ad_id: "9" } }] }] };
    expect((await POST(facebookPost(JSON.stringify(unknown)))).status).toBe(200);
    const messaging = { object: "page", entry: [{ id: "2", time: 6, messaging: [{ sender: { id: "3" } }] }] };
    const res = await POST(facebookPost(JSON.stringify(messaging)));
    expect(await res.json()).toEqual({ received: 0 });
    expect(events().filter((e) => e.name === "facebook/webhook.delivery-accepted").map((e) => e.data.changeCount)).toEqual([1, 0]);
  });

  it("tolerates extra fields and a numeric entry id (sent as text, as the catalogue wants)", async () => {
    const { events } = captureSends();
    const d = { object: "ad_account", extra: true, entry: [{ id: 42, time: 7, uid: "x", changes: [{ field: "f", value: { a: 1 }, verb: "update" }] }] };
    expect((await POST(facebookPost(JSON.stringify(d)))).status).toBe(200);
    expect(changeEvents(events())[0]!.data).toMatchObject({ entryId: "42", field: "f", value: { a: 1 } });
  });

  it.each([
    ["not JSON", "{\"object\": ", /^\(body\): /],
    ["no object", JSON.stringify({ entry: [] }), /^object: /],
    ["entry not a list", JSON.stringify({ object: "page", entry: {} }), /^entry: /],
    ["a string time", JSON.stringify({ object: "page", entry: [{ id: "1", time: "now", changes: [] }] }), /^entry\.0\.time: /],
    ["a value that is a string", JSON.stringify({ object: "page", entry: [{ id: "1", time: 1, changes: [{ field: "leadgen", value: "x" }] }] }), /^entry\.0\.changes\.0\.value: /],
    ["an empty field", JSON.stringify({ object: "page", entry: [{ id: "1", time: 1, changes: [{ field: "", value: {} }] }] }), /^entry\.0\.changes\.0\.field: /],
    ["a NUL in a value", JSON.stringify({ object: "page", entry: [{ id: "1", time: 1, changes: [{ field: "f", value: { a: "x\u0000" } }] }] }), /^entry\.0\.changes\.0\.value\.a: /],
    ["a value nested 40 deep", JSON.stringify({ object: "page", entry: [{ id: "1", time: 1, changes: [{ field: "f", value: JSON.parse(`${"{\"a\":".repeat(40)}1${"}".repeat(40)}`) }] }] }), /nests deeper/],
    ["invalid UTF-8", Buffer.from([0x7b, 0xff, 0x7d]), /^\(body\): is not valid UTF-8/],
  ])("answers a signed but malformed body (%s) with 400 naming the field, sending nothing", async (_name, raw, names) => {
    const { spy } = captureSends();
    const res = await POST(facebookPost(raw));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(names);
    expect(spy).not.toHaveBeenCalled();
  });

  it("refuses more than 1,000 changes in one delivery (400), sending nothing", async () => {
    const { spy } = captureSends();
    const changes = Array.from({ length: 1001 }, (_, i) => ({ field: "f", value: { i } }));
    const res = await POST(facebookPost(JSON.stringify({ object: "page", entry: [{ id: "1", time: 1, changes: changes.slice(0, 600) }, { id: "2", time: 1, changes: changes.slice(600) }] })));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/^entry: holds 1001 changes/);
    expect(spy).not.toHaveBeenCalled();
  });
});
