import { eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { POST as submitJob } from "@/app/api/appgen/jobs/route";
import { MAX_PAGES, PREVIEW_MAX_BYTES, SPEC_MAX_BYTES } from "@/server/appgen/spec";
import { appDesigns, appGenerationJobs } from "@/server/db/schema";
import { setDeps } from "@/server/deps";
import { embeddedDeps, seedWorld, type World } from "../campaigns/support";
import { appgenTestDb, post, recordSends, seedColleague, validSpec } from "./jobs-support";

const ctx = appgenTestDb();
let handle: typeof ctx.handle;
let w: World;
beforeAll(async () => {
  handle = ctx.handle;
  setDeps(embeddedDeps(handle.db));
  w = await seedWorld(handle.db, { name: "Vera", connect: false });
});
afterEach(() => vi.restoreAllMocks());

type Page = Record<string, unknown>;
const page = (pageId: string, route: string, extra: Page = {}): Page => ({ pageId, route, name: pageId, selectedPreviewHtml: `<p>${pageId}</p>`, ...extra });
const withPages = (...pages: Page[]) => validSpec(w.projectId, { pages });
const jobCount = async () => (await handle.db.select().from(appGenerationJobs)).length;

describe("POST /api/appgen/jobs: the generation spec", () => {
  it("accepts a good spec and stores it normalized (trimmed, defaults filled in)", async () => {
    const sent = recordSends();
    const spec = withPages(page("home", "/", { name: "  Home  " }), page("pricing-plans", "/pricing/plans", { actions: ["request-quote"] }));
    delete spec.style;
    const res = await submitJob(post("/api/appgen/jobs", w.owner.cookie, spec));
    expect(res.status).toBe(202);
    const { jobId } = (await res.json()) as { jobId: string };
    const [job] = await handle.db.select().from(appGenerationJobs).where(eq(appGenerationJobs.id, jobId));
    expect(job).toMatchObject({ status: "queued", stage: "queued", ownerId: w.owner.userId, projectId: w.projectId });
    expect(job!.spec.pages[0]).toMatchObject({ name: "Home", actions: [], notes: "", treeNode: {} });
    expect(job!.spec.style).toEqual({ name: "", palette: [], typography: [], notes: "" });
    expect(sent).toEqual([expect.objectContaining({ name: "appgen/job.requested", id: jobId })]);
  });

  const big = (bytes: number) => `<p>${"x".repeat(bytes - 7)}</p>`;
  const bad: [string, () => Record<string, unknown>, RegExp][] = [
    ["a duplicate route", () => withPages(page("home", "/"), page("about", "/about"), page("team", "/about")), /^pages\.2\.route: route '\/about' is used twice/],
    ["a duplicate pageId", () => withPages(page("home", "/"), page("home", "/other")), /^pages\.1\.pageId: pageId 'home' is used twice/],
    ["no '/' route", () => withPages(page("about", "/about")), /^pages: One page must have the route '\/'/],
    ["a route without its slash", () => withPages(page("home", "/"), page("about", "about")), /^pages\.1\.route: /],
    ["a route in capitals", () => withPages(page("home", "/"), page("about", "/About")), /^pages\.1\.route: /],
    ["a route with an empty segment", () => withPages(page("home", "/"), page("about", "/a//b")), /^pages\.1\.route: /],
    ["a route with a trailing slash", () => withPages(page("home", "/"), page("about", "/about/")), /^pages\.1\.route: /],
    ["a route with '..'", () => withPages(page("home", "/"), page("about", "/../etc")), /^pages\.1\.route: /],
    ["a dynamic route segment", () => withPages(page("home", "/"), page("post", "/[slug]")), /^pages\.1\.route: /],
    ["the reserved segment api", () => withPages(page("home", "/"), page("api", "/api")), /^pages\.1\.route: route may not use a reserved segment/],
    ["a reserved segment further in", () => withPages(page("home", "/"), page("docs", "/docs/api")), /^pages\.1\.route: route may not use a reserved segment/],
    ["a preview over its cap", () => withPages(page("home", "/", { selectedPreviewHtml: big(PREVIEW_MAX_BYTES + 1) })), /^pages\.0\.selectedPreviewHtml: A preview may be at most 200 kB/],
    [
      "a spec over its total cap (every preview within its own)",
      () => withPages(...Array.from({ length: Math.ceil(SPEC_MAX_BYTES / PREVIEW_MAX_BYTES) + 1 }, (_, i) => page(`p${i}`, i === 0 ? "/" : `/p${i}`, { selectedPreviewHtml: big(PREVIEW_MAX_BYTES - 100) }))),
      /^pages: The whole spec may be at most 1\.5 MB/,
    ],
    ["too many pages", () => withPages(...Array.from({ length: MAX_PAGES + 1 }, (_, i) => page(`p${i}`, i === 0 ? "/" : `/p${i}`))), /^pages: At most 12 pages/],
    ["no pages", () => withPages(), /^pages: The app needs at least one page/],
    ["a page without its selectedPreviewHtml", () => withPages({ pageId: "home", route: "/", name: "Home" }), /^pages\.0\.selectedPreviewHtml: /],
    ["an empty selectedPreviewHtml", () => withPages(page("home", "/", { selectedPreviewHtml: "" })), /^pages\.0\.selectedPreviewHtml: Choose one preview for every page/],
    ["a named colour", () => validSpec(w.projectId, { style: { palette: ["#aa5500", "red"] } }), /^style\.palette\.1: Colours are #rrggbb/],
    ["a short hex colour", () => validSpec(w.projectId, { style: { palette: ["#fff"] } }), /^style\.palette\.0: Colours are #rrggbb/],
    ["a pageId with capitals", () => withPages(page("Home", "/")), /^pages\.0\.pageId: /],
    ["an action that is not a name", () => withPages(page("home", "/", { actions: ["sign up!"] })), /^pages\.0\.actions\.0: /],
    ["a page without a name", () => withPages(page("home", "/", { name: "   " })), /^pages\.0\.name: Every page needs a name/],
    ["a brief without a title", () => validSpec(w.projectId, { brief: { details: "x" } }), /^brief\.title: /],
    ["no projectId", () => ({ ...validSpec(w.projectId), projectId: undefined }), /^projectId: /],
  ];

  it.each(bad)("refuses %s with a 400 naming the field, and writes nothing", async (_name, spec, names) => {
    const sent = recordSends();
    const before = await jobCount();
    const res = await submitJob(post("/api/appgen/jobs", w.owner.cookie, spec()));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(names);
    expect(await jobCount()).toBe(before);
    expect(sent).toEqual([]);
  });

  it("refuses a body over 3 MB with 413 before parsing it", async () => {
    recordSends();
    const res = await submitJob(post("/api/appgen/jobs", w.owner.cookie, withPages(page("home", "/", { selectedPreviewHtml: "x".repeat(2 * SPEC_MAX_BYTES) }))));
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: string }).error).toMatch(/larger than 3000000 bytes/);
  });

  it("answers 404 for a project of another organization and for a design that is not the viewer's", async () => {
    recordSends();
    const other = await seedWorld(handle.db, { name: "Otto", connect: false });
    const colleague = await seedColleague(handle.db, w);
    const design = (ownerId: string) => handle.db.insert(appDesigns).values({ organizationId: w.organizationId, ownerId, projectId: w.projectId, status: "READY" }).returning().then((r) => r[0]!.id);
    const colleaguesDesign = await design(colleague.userId);
    const before = await jobCount();
    const refusals = [
      await submitJob(post("/api/appgen/jobs", other.owner.cookie, validSpec(w.projectId))),
      await submitJob(post("/api/appgen/jobs", w.owner.cookie, validSpec(w.projectId, { designId: crypto.randomUUID() }))),
      await submitJob(post("/api/appgen/jobs", w.owner.cookie, validSpec(w.projectId, { designId: colleaguesDesign }))),
    ];
    expect(await Promise.all(refusals.map(async (r) => [r.status, ((await r.json()) as { error: string }).error]))).toEqual([
      [404, "Project not found"],
      [404, "Design not found"],
      [404, "Design not found"],
    ]);
    expect(await jobCount()).toBe(before);
    recordSends();
    const own = await submitJob(post("/api/appgen/jobs", w.owner.cookie, validSpec(w.projectId, { designId: await design(w.owner.userId) })));
    expect(own.status).toBe(202);
  });
});
