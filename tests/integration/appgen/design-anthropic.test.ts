import { eq } from "drizzle-orm";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { parseEnv } from "@/env";
import { offlineDesign } from "@/server/appgen/design/offline";
import type { Db } from "@/server/db";
import { usageLedger } from "@/server/db/schema";
import { setDeps } from "@/server/deps";
import { createLlm } from "@/server/services/llm";
import { createAnthropicFake } from "../../mocks/anthropic";
import { createTestDb } from "../../support/db";
import { embeddedDeps, seedWorld, type World } from "../campaigns/support";
import { designRow, runDesign, seedDesign } from "./design-support";

const fake = createAnthropicFake({ baseUrl: "http://anthropic.test" });
const server = setupServer(...fake.handlers);
let handle: Awaited<ReturnType<typeof createTestDb>>;
let world: World;

/** The real Anthropic client against the msw fake, on `db` (which a test may wrap to make writes fail). */
function useAnthropic(db: Db) {
  const env = parseEnv({ ANTHROPIC_API_KEY: "sk-ant-test", ANTHROPIC_BASE_URL: "http://anthropic.test" });
  setDeps({ ...embeddedDeps(db), services: { ...embeddedDeps(db).services, llm: createLlm({ env, db, maxRetries: 0 }) } });
}

const facts = { name: "Corner Bakery", description: "A neighbourhood bakery", offer: "Sourdough bread subscriptions", audience: "Busy parents", location: "Austin, Texas", sellingPoint: "Baked at 5am, delivered by 8am", goal: "LEADS" as const, website: "https://bakery.example" };
/** A well-formed answer: the offline design's shape, with labels of its own. */
const goodAnswer = () => {
  const d = offlineDesign(facts);
  return { ...d, pages: d.pages.map((p) => ({ ...p, options: p.options.map((o) => ({ label: `Model ${o.label}`, html: o.html })) })) };
};

beforeAll(async () => {
  server.listen({ onUnhandledRequest: "error" });
  handle = await createTestDb();
  world = await seedWorld(handle.db, { name: "Ana", connect: false });
});
afterEach(() => fake.reset());
afterAll(async () => {
  server.close();
  setDeps();
  await handle?.close();
});

describe("propose-app-design with Anthropic", () => {
  it("sends the brief inside <brief> with the design system prompt and records the model's design READY", async () => {
    useAnthropic(handle.db);
    fake.enqueue({ kind: "json", value: goodAnswer() });
    const d = await seedDesign(handle.db, world);
    const { result } = await runDesign(d);
    expect(result).toMatchObject({ outcome: "ready" });
    const row = await designRow(handle.db, d.designId);
    expect(row).toMatchObject({ status: "READY", generator: "anthropic" });
    expect(row.pages[0]!.options[0]!.label).toBe("Model Bold hero");
    const body = fake.requests[0]!.body as { system: string; messages: { content: string }[]; max_tokens: number };
    expect(body.system).toMatch(/no <script>/);
    expect(body.messages[0]!.content).toMatch(/<brief>[\s\S]*"Sourdough bread subscriptions"[\s\S]*<\/brief>/);
    expect(body.max_tokens).toBeGreaterThan(4096);
  });

  it.each([
    ["a preview with a script", () => { const a = goodAnswer(); a.pages[1]!.options[2]!.html = a.pages[1]!.options[2]!.html.replace("</body>", "<script>fetch('/api/projects')</script></body>"); return a; }, /pages\.1\.options\.2\.html: The preview may not contain scripts/],
    ["no home page", () => { const a = goodAnswer(); a.pages[0]!.route = "/start"; return a; }, /pages: One page must have the route '\/'/],
    ["only one option for a page", () => { const a = goodAnswer(); a.pages[2]!.options = a.pages[2]!.options.slice(0, 1); return a; }, /pages\.2\.options/],
    ["a preview that is a fragment", () => { const a = goodAnswer(); a.pages[0]!.options[0]!.html = "<div>Hi</div>"; return a; }, /must start with <!doctype html>/],
  ])("a bad model answer (%s) ends the design FAILED with a clear error, and nothing is announced", async (_what, answer, message) => {
    useAnthropic(handle.db);
    fake.enqueue({ kind: "json", value: answer() });
    const d = await seedDesign(handle.db, world);
    const { result, error, sent } = await runDesign(d);
    expect(error).toBeUndefined();
    expect(result).toMatchObject({ outcome: "failed" });
    const row = await designRow(handle.db, d.designId);
    expect(row.status).toBe("FAILED");
    expect(row.error).toMatch(/^The model's design could not be used: Model output does not match the schema/);
    expect(row.error).toMatch(message);
    expect(row.pages).toEqual([]);
    expect(sent).toEqual([]);
  });

  it("an answer that is not JSON at all says so", async () => {
    useAnthropic(handle.db);
    fake.enqueue({ kind: "text", text: "Here are some ideas for your bakery!" });
    const d = await seedDesign(handle.db, world);
    await runDesign(d);
    expect((await designRow(handle.db, d.designId)).error).toBe("The model's design could not be used: Model output is not valid JSON");
  });

  it("the model answered and was billed, then recording failed: the retry records READY and the call is billed once", async () => {
    const d = await seedDesign(handle.db, world);
    // The write of READY fails once, as if the database went away between the model's answer and its record.
    let failNext = true;
    const flaky = new Proxy(handle.db, {
      get(target, prop, receiver) {
        if (prop === "update" && failNext) {
          failNext = false;
          return () => { throw new Error("connection terminated"); };
        }
        return Reflect.get(target, prop, receiver);
      },
    });
    useAnthropic(flaky);
    fake.enqueue({ kind: "json", value: goodAnswer() }, { kind: "json", value: goodAnswer() });
    const first = await runDesign(d);
    expect(first.error).toBeDefined();
    expect((await designRow(handle.db, d.designId)).status).toBe("PROPOSING");
    const billed = await handle.db.select().from(usageLedger).where(eq(usageLedger.dedupeKey, `appgen-design:${d.designId}`));
    expect(billed).toHaveLength(1);

    const second = await runDesign(d);
    expect(second.result).toMatchObject({ outcome: "ready" });
    expect((await designRow(handle.db, d.designId)).status).toBe("READY");
    expect(await handle.db.select().from(usageLedger).where(eq(usageLedger.dedupeKey, `appgen-design:${d.designId}`))).toHaveLength(1);
    expect(second.sent.map((s) => s.id)).toEqual(["emit-design-proposed"]);
  });
});
