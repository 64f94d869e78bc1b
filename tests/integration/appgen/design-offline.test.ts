import { parse } from "node-html-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PREVIEW_MAX_BYTES } from "@/server/appgen/spec";
import { offlineDesign } from "@/server/appgen/design/offline";
import { formActionsOf, previewHtmlProblem } from "@/server/appgen/design/preview-html";
import type { BusinessFacts } from "@/server/appgen/design/brief";
import { setDeps } from "@/server/deps";
import { usageLedger } from "@/server/db/schema";
import { createTestDb } from "../../support/db";
import { embeddedDeps, seedWorld, type World } from "../campaigns/support";
import { designRow, runDesign, seedDesign } from "./design-support";

const salon: BusinessFacts = {
  name: "Luna Hair Studio",
  description: "A hair salon for curly hair",
  offer: "Curl cuts and colour appointments",
  audience: "Women with curly hair",
  location: "Leeds, UK",
  sellingPoint: "Every stylist is trained in curl-first cutting",
  goal: "LEADS",
  website: "https://luna.example",
};

/** What a reader sees: the text and the structure, without the styles. */
const skeleton = (html: string) => parse(html).querySelector("body")!.innerHTML.replace(/>[^<]*</g, "><");
const css = (html: string) => parse(html).querySelector("style")!.textContent;

describe("the offline model's design", () => {
  it("proposes 3–5 pages with exactly 3 previews each, every one a valid, script-free document within the size cap", () => {
    const design = offlineDesign(salon);
    expect(design.pages.length).toBeGreaterThanOrEqual(3);
    expect(design.pages.length).toBeLessThanOrEqual(5);
    expect(design.pages.map((p) => p.route)).toContain("/");
    for (const page of design.pages) {
      expect(page.options).toHaveLength(3);
      for (const o of page.options) {
        expect(previewHtmlProblem(o.html), `${page.pageId} ${o.label}`).toBeNull();
        expect(Buffer.byteLength(o.html)).toBeLessThan(PREVIEW_MAX_BYTES);
        expect(o.html).not.toMatch(/<script|lorem ipsum/i);
      }
    }
  });

  it("fills the previews with the brief's real business: name, offer, audience, place", () => {
    const home = offlineDesign(salon).pages.find((p) => p.route === "/")!;
    for (const o of home.options) {
      for (const fact of [salon.name, salon.offer, "curly hair", salon.location]) expect(o.html).toContain(fact);
    }
  });

  it("makes three genuinely different layouts: different structure, different CSS, different fonts", () => {
    for (const page of offlineDesign(salon).pages) {
      const [a, b, c] = page.options.map((o) => o.html);
      expect(new Set([skeleton(a!), skeleton(b!), skeleton(c!)]).size).toBe(3);
      expect(new Set([css(a!), css(b!), css(c!)]).size).toBe(3);
      const fonts = page.options.map((o) => /body\{[^}]*font-family:([^;]+)/.exec(css(o.html))![1]);
      expect(new Set(fonts).size).toBe(3);
      expect(new Set(page.options.map((o) => o.label)).size).toBe(3);
    }
  });

  it("is deterministic: the same brief gives the same design byte for byte; another business gets its own", () => {
    expect(JSON.stringify(offlineDesign(salon))).toBe(JSON.stringify(offlineDesign({ ...salon })));
    const other = offlineDesign({ ...salon, name: "Harbour Fitness", offer: "Small-group strength classes", goal: "SALES" });
    expect(JSON.stringify(other)).not.toBe(JSON.stringify(offlineDesign(salon)));
    expect(other.pages.map((p) => p.route)).toEqual(["/", "/pricing", "/about", "/contact"]);
  });

  it("links pages by their routes and gives every form the data-action of one of its page's actions", () => {
    const design = offlineDesign(salon);
    const routes = design.pages.map((p) => p.route);
    // A salon sells time: its services page asks for a booking.
    expect(design.pages.find((p) => p.pageId === "services")!.actions).toEqual(["book"]);
    for (const page of design.pages) {
      for (const o of page.options) {
        const hrefs = parse(o.html).querySelectorAll("nav a").map((a) => a.getAttribute("href"));
        expect(hrefs).toEqual(routes);
        expect(formActionsOf(o.html)).toEqual(page.actions);
      }
    }
  });

  it("escapes the owner's text, so a brief with markup stays text", () => {
    const html = offlineDesign({ ...salon, name: `Luna <img src=x onerror="alert(1)">` }).pages[0]!.options[0]!.html;
    expect(previewHtmlProblem(html)).toBeNull();
    expect(html).toContain("Luna &lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
  });
});

describe("propose-app-design with the offline model", () => {
  let handle: Awaited<ReturnType<typeof createTestDb>>;
  let world: World;
  beforeAll(async () => {
    handle = await createTestDb();
    setDeps(embeddedDeps(handle.db));
    world = await seedWorld(handle.db, { name: "Dora", connect: false });
  });
  afterAll(async () => {
    setDeps();
    await handle?.close();
  });

  it("records the design READY with its pages, style and generator, then announces it with the design's own event id", async () => {
    const d = await seedDesign(handle.db, world);
    const { result, error, sent } = await runDesign(d);
    expect(error).toBeUndefined();
    expect(result).toMatchObject({ outcome: "ready", pageCount: 4 });
    const row = await designRow(handle.db, d.designId);
    expect(row).toMatchObject({ status: "READY", generator: "offline", error: null });
    expect(row.brief).toMatchObject({ title: "Corner Bakery", audience: "Busy parents" });
    expect(row.style!.palette.every((c) => /^#[0-9a-f]{6}$/i.test(c))).toBe(true);
    expect(row.pages.map((p) => p.options.map((o) => o.optionId))).toEqual(row.pages.map((p) => [1, 2, 3].map((n) => `${p.pageId}-${n}`)));
    expect(row.pages[0]!.options[0]!.html).toContain("Sourdough bread subscriptions");
    expect(sent).toEqual([
      { id: "emit-design-proposed", payload: expect.objectContaining({ name: "appgen/design.proposed", id: `appgen-design-proposed-${d.designId}`, data: { ...d, pageCount: 4 } }) },
    ]);
  });

  it("two runs racing on one design record it once and announce it once", async () => {
    const d = await seedDesign(handle.db, world);
    const runs = await Promise.all([runDesign(d), runDesign(d)]);
    expect((await designRow(handle.db, d.designId)).status).toBe("READY");
    expect(runs.flatMap((r) => r.sent)).toHaveLength(1);
    expect(runs.map((r) => (r.result as { outcome: string }).outcome).sort()).toEqual(["ready", "skipped"]);
  });

  it("a design already decided is left alone by a second run: nothing proposed, nothing billed, nothing sent", async () => {
    const d = await seedDesign(handle.db, world);
    await runDesign(d);
    const before = await designRow(handle.db, d.designId);
    const billed = (await handle.db.select().from(usageLedger)).length;
    const again = await runDesign(d);
    expect(again.result).toEqual({ outcome: "skipped", reason: "design already READY" });
    expect(again.sent).toEqual([]);
    expect(await designRow(handle.db, d.designId)).toEqual(before);
    expect((await handle.db.select().from(usageLedger)).length).toBe(billed);
  });
});
