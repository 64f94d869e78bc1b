import { InngestTestEngine } from "@inngest/test";
import { eq } from "drizzle-orm";
import { PDFParse } from "pdf-parse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { performanceCampaignWeekCompleted } from "@/inngest/events";
import { buildWeeklyReport } from "@/inngest/functions/reports/build-weekly-report";
import { artifacts, campaignRecords } from "@/server/db/schema";
import { setDeps, type Deps } from "@/server/deps";
import type { ArtifactGroup } from "@/server/workspace/artifacts";
import { createTestDb } from "../../support/db";
import { PREVIOUS_WEEK, REPORT_WEEK, WEEK_ENDING } from "../../support/report-fixture";
import { embeddedDeps, seedWorld, testCtx, type World } from "../campaigns/support";
import { seedLiveCampaign, type LiveCampaign } from "../optimization/support";
import { seedCampaignDays } from "../reports/support";
import { panel, PLAN } from "./support";

let handle: Awaited<ReturnType<typeof createTestDb>>;
let deps: Deps;
let owner: LiveCampaign;
let outsider: World;
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(crypto.randomUUID())]);
const COPY = { headlines: ["Bread by 8am", "Sourdough, delivered"], primaryTexts: ["Baked at 5am, on your table by 8."], descriptions: ["Cancel any time"], angle: "Morning convenience" };
const later = (minutes: number) => new Date(Date.now() + minutes * 60_000);
const ids: Record<"copy" | "oldCopy" | "odd" | "plan" | "action", string> = { copy: "", oldCopy: "", odd: "", plan: "", action: "" };

beforeAll(async () => {
  handle = await createTestDb();
  deps = embeddedDeps(handle.db);
  setDeps(deps);
  owner = await seedLiveCampaign(handle.db, "Pia", { fbCampaignId: "cmp-ws" });
  outsider = await seedWorld(handle.db, { name: "Mallory", connect: false });
  // Deployed: the first ad's picture is stored and Facebook has its hash; the second was never uploaded.
  await handle.db.update(campaignRecords).set({ structure: PLAN, fbImageHashes: { "ad-0-0": "hash-0" }, approvedAt: later(4) }).where(eq(campaignRecords.id, owner.campaignId));
  await deps.services.storage.put(`${owner.organizationId}/campaigns/${owner.campaignId}/ad-0-0.png`, PNG, "image/png");
  await seedCampaignDays(handle.db, { ...owner, fbCampaignId: "cmp-ws" }, [...PREVIOUS_WEEK, ...REPORT_WEEK]);
  const event = performanceCampaignWeekCompleted.create({ organizationId: owner.organizationId, projectId: owner.projectId, campaignId: owner.campaignId, weekEnding: WEEK_ENDING, week: 2 });
  const { error } = await new InngestTestEngine({ function: buildWeeklyReport, events: [event as never], transformCtx: testCtx().transformCtx }).execute();
  expect(error).toBeUndefined();
  const scope = { organizationId: owner.organizationId, projectId: owner.projectId };
  const insert = async (row: Omit<typeof artifacts.$inferInsert, "organizationId" | "projectId">) => (await handle.db.insert(artifacts).values({ ...scope, ...row }).returning())[0]!.id;
  ids.plan = await insert({ type: "CAMPAIGN", title: "Campaign plan v1: Bakery leads", content: { campaignId: owner.campaignId, version: 1, plan: PLAN }, createdAt: later(1) });
  ids.oldCopy = await insert({ type: "AD_COPY", title: "Ad copy: first try", content: { ...COPY, headlines: ["An older headline"] }, createdAt: later(2) });
  ids.copy = await insert({ type: "AD_COPY", title: "Ad copy: mornings", content: COPY, createdAt: later(3) });
  ids.odd = await insert({ type: "AD_COPY", title: "Ad copy: odd", content: { lines: ["a line the tool once wrote"] }, createdAt: later(5) });
  ids.action = await insert({ type: "ACTION", title: "Paused an ad", content: { note: "paused" }, createdAt: later(6) });
});
afterAll(async () => {
  setDeps();
  await handle?.close();
});

async function groupsOf(cookie: string, projectId: string): Promise<ArtifactGroup[]> {
  const res = await panel.list(cookie, projectId);
  expect(res.status).toBe(200);
  return ((await res.json()) as { groups: ArtifactGroup[] }).groups;
}

async function pdfText(bytes: ArrayBuffer) {
  const parser = new PDFParse({ data: new Uint8Array(bytes) });
  try {
    return (await parser.getText()).text;
  } finally {
    await parser.destroy();
  }
}

describe("GET /api/projects/:projectId/artifacts", () => {
  it("lists every artifact of the project in the panel's groups, newest first, with downloads and no storage keys", async () => {
    const res = await panel.list(owner.owner.cookie, owner.projectId);
    const body = await res.text();
    expect(body).not.toContain("/campaigns/");
    expect(body).not.toContain("storagePath");
    const groups = (JSON.parse(body) as { groups: ArtifactGroup[] }).groups;
    expect(groups.map((g) => g.label)).toEqual(["Brief", "Campaigns", "Ad copy", "Images", "Reports", "Actions"]);
    const group = (label: string) => groups.find((g) => g.label === label)!.items;
    expect(group("Ad copy").map((i) => i.id)).toEqual([ids.odd, ids.copy, ids.oldCopy]);
    expect(group("Ad copy")[1]).toMatchObject({ type: "AD_COPY", summary: "Bread by 8am", download: { kind: "text", filename: "ad-copy-mornings.txt", url: `/api/projects/${owner.projectId}/artifacts/${ids.copy}/download` } });
    expect(group("Brief")[0]).toMatchObject({ title: "Brief v1", summary: "Sourdough bread subscriptions · More leads (people getting in touch)", download: { kind: "text" } });
    expect(group("Campaigns")[0]).toMatchObject({ id: ids.plan, summary: "Get leads (people getting in touch), $30 a day, 2 ads" });
    // One picture: the ad whose image was uploaded, not the one that never was.
    expect(group("Images")).toHaveLength(1);
    expect(group("Images")[0]).toMatchObject({ type: "IMAGE", title: "Ad picture: Fresh bread by 8am", download: { kind: "image", filename: "ad-picture-fresh-bread-by-8am.png" } });
    expect(group("Reports")[0]).toMatchObject({ title: "Weekly report: Nov 23 – Nov 29, 2026", download: { kind: "pdf" } });
    expect(group("Actions")[0]).toMatchObject({ id: ids.action, download: null });
  });

  it("answers 401 signed out and 404 for another organization's project or an id that is not one", async () => {
    expect((await panel.list(undefined, owner.projectId)).status).toBe(401);
    expect((await panel.list(outsider.owner.cookie, owner.projectId)).status).toBe(404);
    expect((await panel.list(owner.owner.cookie, crypto.randomUUID())).status).toBe(404);
    expect((await panel.list(owner.owner.cookie, "not-a-uuid")).status).toBe(404);
    expect(await groupsOf(outsider.owner.cookie, outsider.projectId)).toEqual([expect.objectContaining({ label: "Brief", items: [expect.objectContaining({ title: "Brief v1" })] })]);
  });
});

describe("GET /api/projects/:projectId/artifacts/:artifactId", () => {
  it("gives the full content for the preview: ad copy, a brief's fields, the plan, a picture, the report card", async () => {
    const groups = await groupsOf(owner.owner.cookie, owner.projectId);
    const first = (label: string) => groups.find((g) => g.label === label)!.items[0]!.id;
    const detail = async (id: string) => {
      const res = await panel.preview(owner.owner.cookie, owner.projectId, id);
      expect(res.status).toBe(200);
      return ((await res.json()) as { artifact: { detail: Record<string, unknown> } }).artifact.detail;
    };
    expect(await detail(ids.copy)).toEqual({ kind: "ad-copy", copy: COPY });
    // A shape the panel does not know is shown as its JSON rather than failing.
    expect(await detail(ids.odd)).toMatchObject({ kind: "text", text: expect.stringContaining("a line the tool once wrote") });
    expect(await detail(first("Brief"))).toMatchObject({ kind: "brief", fields: expect.arrayContaining([{ label: "Monthly budget", value: "$600" }, { label: "Where", value: "Austin, Texas" }]) });
    expect(await detail(ids.plan)).toMatchObject({ kind: "campaign", name: "Bakery leads", dailyBudget: "$30", adSets: [{ name: "Parents nearby", ads: [{ headline: "Fresh bread by 8am", button: "Sign up" }, expect.anything()] }] });
    const image = first("Images");
    expect(await detail(image)).toEqual({ kind: "image", imageUrl: `/api/projects/${owner.projectId}/artifacts/${image}/download`, caption: 'Bakery leads, audience "Parents nearby": Fresh bread by 8am' });
    expect(await detail(first("Reports"))).toMatchObject({ kind: "report", card: { kind: "weekly-report", week: 2 } });
  });

  it("is 404 for another organization's artifact, under either project, and for unknown or malformed ids", async () => {
    const [theirBrief] = await handle.db.select().from(artifacts).where(eq(artifacts.projectId, outsider.projectId));
    expect((await panel.preview(owner.owner.cookie, owner.projectId, theirBrief!.id)).status).toBe(404);
    expect((await panel.preview(owner.owner.cookie, outsider.projectId, theirBrief!.id)).status).toBe(404);
    expect((await panel.preview(outsider.owner.cookie, owner.projectId, ids.copy)).status).toBe(404);
    expect((await panel.preview(outsider.owner.cookie, outsider.projectId, ids.copy)).status).toBe(404);
    expect((await panel.preview(owner.owner.cookie, owner.projectId, crypto.randomUUID())).status).toBe(404);
    expect((await panel.preview(owner.owner.cookie, owner.projectId, "../../etc/passwd")).status).toBe(404);
    expect((await panel.preview(undefined, owner.projectId, ids.copy)).status).toBe(401);
  });
});

describe("GET /api/projects/:projectId/artifacts/:artifactId/download", () => {
  it("ad copy as a text attachment with every headline and text", async () => {
    const res = await panel.download(owner.owner.cookie, owner.projectId, ids.copy);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="ad-copy-mornings.txt"');
    const text = await res.text();
    for (const line of [...COPY.headlines, ...COPY.primaryTexts, ...COPY.descriptions, COPY.angle]) expect(text).toContain(line);
    expect(text).not.toContain("{");
  });

  it("a brief and a plan as readable text", async () => {
    const groups = await groupsOf(owner.owner.cookie, owner.projectId);
    const brief = await panel.download(owner.owner.cookie, owner.projectId, groups[0]!.items[0]!.id);
    expect(brief.headers.get("content-disposition")).toBe('attachment; filename="brief-v1.txt"');
    expect(await brief.text()).toContain("Product: Sourdough bread subscriptions");
    const plan = await (await panel.download(owner.owner.cookie, owner.projectId, ids.plan)).text();
    expect(plan).toContain("Daily budget: $30");
    expect(plan).toContain("Fresh bread by 8am: Fresh bread by 8am, baked this morning. [Sign up]");
  });

  it("a picture as the stored bytes with its content type", async () => {
    const groups = await groupsOf(owner.owner.cookie, owner.projectId);
    const image = groups.find((g) => g.label === "Images")!.items[0]!;
    const res = await panel.download(owner.owner.cookie, owner.projectId, image.id);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="${image.download!.filename}"`);
    expect(Buffer.from(await res.arrayBuffer()).equals(PNG)).toBe(true);
    expect((await panel.download(outsider.owner.cookie, owner.projectId, image.id)).status).toBe(404);
  });

  it("a report as its PDF, showing the week's figures", async () => {
    const groups = await groupsOf(owner.owner.cookie, owner.projectId);
    const report = groups.find((g) => g.label === "Reports")!.items[0]!;
    const res = await panel.download(owner.owner.cookie, owner.projectId, report.id);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="weekly-report-nov-23-nov-29-2026.pdf"');
    const text = await pdfText(await res.arrayBuffer());
    expect(text).toContain("Weekly report, week 2");
    expect(text).toContain("$105");
    expect(text).toContain("Corner Bakery");
  });

  it("is 404 for what has no download, another organization's artifact, and unknown or malformed ids", async () => {
    const none = await panel.download(owner.owner.cookie, owner.projectId, ids.action);
    expect(none.status).toBe(404);
    expect(await none.json()).toEqual({ error: "This artifact has no download" });
    expect((await panel.download(outsider.owner.cookie, owner.projectId, ids.copy)).status).toBe(404);
    expect((await panel.download(outsider.owner.cookie, outsider.projectId, ids.copy)).status).toBe(404);
    expect((await panel.download(owner.owner.cookie, owner.projectId, crypto.randomUUID())).status).toBe(404);
    expect((await panel.download(owner.owner.cookie, "x".repeat(500), ids.copy)).status).toBe(404);
    expect((await panel.download(undefined, owner.projectId, ids.copy)).status).toBe(401);
  });

  it("a picture removed from storage is 404, not a server error", async () => {
    const groups = await groupsOf(owner.owner.cookie, owner.projectId);
    const image = groups.find((g) => g.label === "Images")!.items[0]!;
    await deps.services.storage.remove([`${owner.organizationId}/campaigns/${owner.campaignId}/ad-0-0.png`]);
    const res = await panel.download(owner.owner.cookie, owner.projectId, image.id);
    expect(res.status).toBe(404);
    await deps.services.storage.put(`${owner.organizationId}/campaigns/${owner.campaignId}/ad-0-0.png`, PNG, "image/png");
  });
});
