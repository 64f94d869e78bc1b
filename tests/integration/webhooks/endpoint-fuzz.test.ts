import fc from "fast-check";
import { afterAll, describe, expect, it, vi } from "vitest";
import { POST } from "@/app/api/webhooks/facebook/route";
import { facebookWebhookDeliveryAccepted, facebookWebhookReceived } from "@/inngest/events";
import { adAccountDelivery, captureSends, facebookPost, leadgenDelivery } from "./endpoint-support";

afterAll(() => vi.restoreAllMocks());

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every path into a real-shaped delivery: an ad account batch with a lead entry added. */
const base: Json = (() => {
  const d = adAccountDelivery();
  return { ...d, entry: [...d.entry, ...leadgenDelivery().entry] } as unknown as Json;
})();

function pathsOf(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  const here = [prefix];
  if (Array.isArray(value)) return [...here, ...value.flatMap((v, i) => pathsOf(v, [...prefix, i]))];
  if (value !== null && typeof value === "object") return [...here, ...Object.entries(value).flatMap(([k, v]) => pathsOf(v, [...prefix, k]))];
  return here;
}
const PATHS = pathsOf(base).filter((p) => p.length > 0);

const DELETE = Symbol("delete");
const nested = (depth: number, leaf: Json): Json => (depth === 0 ? leaf : { a: nested(depth - 1, leaf) });
const replacement = fc.oneof(
  fc.constant(DELETE),
  fc.constantFrom<Json>(null, true, false, 0, -1, 1.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, "", [], {}),
  fc.string({ unit: "binary", maxLength: 40 }), // any code point, control characters and lone surrogates included
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.constantFrom<Json>("x".repeat(300), "é".repeat(60_000), "\u0000", "\u202e", "<script>", "act_1", "__proto__", "x".repeat(110_000)),
  fc.integer({ min: 0, max: 60 }).map((d) => nested(d, "deep")),
  fc.array(fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>, { maxLength: 5 }),
  fc.jsonValue({ maxDepth: 4 }) as fc.Arbitrary<Json>,
);

function mutate(root: Json, path: (string | number)[], to: Json | typeof DELETE): Json {
  const copy = structuredClone(root) as Record<string | number, Json>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, Json>;
  const last = path.at(-1)!;
  if (to === DELETE) {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last];
  } else parent[last] = to;
  return copy as Json;
}

describe("POST /api/webhooks/facebook under mutated, re-signed deliveries", () => {
  it("answers only 200 or 4xx; a 200 sends only events the catalogue accepts, a 4xx sends nothing", async () => {
    const { calls } = captureSends();
    vi.spyOn(console, "error").mockImplementation(() => {});
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.constantFrom(...PATHS), replacement), { minLength: 1, maxLength: 3 }),
        async (mutations) => {
          const payload = mutations.reduce<Json>((acc, [path, to]) => {
            try {
              return mutate(acc, path, to);
            } catch {
              return acc; // the path no longer exists after an earlier mutation
            }
          }, base);
          const before = calls.length;
          const res = await POST(facebookPost(JSON.stringify(payload)));
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          expect([200, 400, 413]).toContain(res.status);
          const sent = calls.slice(before).flat();
          if (res.status !== 200) {
            expect(sent).toEqual([]);
            expect(((await res.json()) as { error: string }).error).toMatch(/\S/);
            return;
          }
          const { received } = (await res.json()) as { received: number };
          expect(sent.filter((e) => e.name === "facebook/webhook.received")).toHaveLength(received);
          for (const e of sent) {
            const schema = e.name === "facebook/webhook.received" ? facebookWebhookReceived.schema : facebookWebhookDeliveryAccepted.schema;
            expect(schema.safeParse(e.data).success, `${e.name} ${JSON.stringify(e.data).slice(0, 200)}`).toBe(true);
          }
        },
      ),
      { numRuns: 400, seed: 9 },
    );
    // The property means something only if both outcomes happened often.
    expect(statuses.get(200) ?? 0).toBeGreaterThan(40);
    expect(statuses.get(400) ?? 0).toBeGreaterThan(40);
  });
});
