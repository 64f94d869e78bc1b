import { mkdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Browser, Locator, Page } from "playwright-core";
import yauzl from "yauzl";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser } from "./support/browser";
import { VALID_BRIEF } from "./support/product-flow";

/**
 * The website builder in a real headless Chromium, embedded mode, against the real Dev Server:
 * sign up → project with a confirmed brief → /build proposes pages with three live previews each (in
 * sandboxed iframes) → one pick per page, pasted HTML for one → submit → the progress view → Download
 * ZIP. A screenshot of every stage lands in test-results/build-journey/.
 */
const appUrl = inject("appUrl");
const shotDir = path.resolve(import.meta.dirname, "../../test-results/build-journey");
const STEP_MS = 45_000;
const NAVIGATION_MS = 90_000;
// The whole pipeline (sandbox, page agents, npm install, next build, ZIP) on a 2-core machine.
const BUILD_MS = 15 * 60_000;

const PASTED = `<!doctype html><html><head><style>body{font-family:serif;background:#fdf6e3}</style></head><body><h1>Say hello to Sourdough Club</h1><form data-action="contact" method="post" action="/api/actions/contact"><label for="e">Email</label><input id="e" name="email" type="email"><button type="submit">Send</button></form></body></html>`;

let browser: Browser;
let page: Page;
let shot = 0;

async function screenshot(stage: string) {
  shot += 1;
  await page.screenshot({ path: path.join(shotDir, `${String(shot).padStart(2, "0")}-${stage}.png`), fullPage: true });
}

async function visible(locator: Locator, timeout = STEP_MS): Promise<Locator> {
  await locator.waitFor({ state: "visible", timeout });
  return locator;
}

/** Waits until React has hydrated `locator`, so a click reaches the app and not a native default. */
async function hydrated(locator: Locator) {
  await visible(locator);
  await locator.evaluate(
    (el) => new Promise<void>((resolve) => {
      const check = () => (Object.keys(el).some((k) => k.startsWith("__reactProps")) ? resolve() : setTimeout(check, 50));
      check();
    }),
    undefined,
    { timeout: STEP_MS },
  );
}

function zipEntries(zip: Buffer): Promise<string[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(zip, { lazyEntries: false }, (err, archive) => {
      if (err) return reject(err);
      const names: string[] = [];
      archive.on("entry", (e: yauzl.Entry) => names.push(e.fileName));
      archive.on("end", () => resolve(names));
      archive.on("error", reject);
    });
  });
}

/** The app's own JSON routes with the browser's session, as its pages call them. */
async function api(method: "POST", route: string, body: unknown) {
  const res = await page.request.fetch(`${appUrl}${route}`, { method, data: body, headers: { origin: appUrl } });
  return { status: res.status(), body: (await res.json()) as Record<string, unknown> };
}

describe("build journey: from a brief to a downloaded app, in a real browser", () => {
  beforeAll(async () => {
    mkdirSync(shotDir, { recursive: true });
    browser = await launchBrowser(inject("browser"));
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    page.setDefaultNavigationTimeout(NAVIGATION_MS);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("proposes three sandboxed previews per page, takes one choice per page (pasted HTML for one), builds and downloads the ZIP", async () => {
    await page.goto(`${appUrl}/sign-up`);
    await hydrated(page.getByRole("button", { name: "Sign up" }));
    await page.getByLabel("Name").fill("Builder Baker");
    await page.getByLabel("Email").fill(`build-${Date.now()}@example.test`);
    await page.getByLabel("Password").fill("correct-horse-battery");
    await page.getByRole("button", { name: "Sign up" }).click();
    await page.waitForURL(/\/dashboard$/, { timeout: STEP_MS });
    await hydrated(page.getByRole("button", { name: "Create project" }));
    await page.getByLabel("Project name").fill("Sourdough Club");
    await page.getByLabel("Website").fill("https://sourdough-example.com");
    await page.getByRole("button", { name: "Create project" }).click();
    await page.waitForURL(/\/projects\/[^/]+$/, { timeout: STEP_MS });
    const projectId = page.url().split("/").pop()!;

    // The brief as onboarding confirms it (the chat itself is the main journey's subject).
    const message = await api("POST", `/api/projects/${projectId}/conversation`, { content: "We are a bakery in Lyon." });
    expect(message.status, JSON.stringify(message.body)).toBe(202);
    const confirmed = await api("POST", `/api/projects/${projectId}/brief/confirm`, { conversationId: message.body.conversationId, brief: VALID_BRIEF });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(201);

    // From the workspace's link, through the project picker.
    await page.reload();
    await visible(page.getByRole("link", { name: "Website", exact: true }));
    await page.goto(`${appUrl}/build`);
    await page.getByRole("region", { name: "Choose a project" }).getByRole("link", { name: "Sourdough Club" }).click();
    await page.waitForURL(/\/build\?project=/, { timeout: STEP_MS });

    const pages = page.getByRole("region", { name: /^Page / });
    await visible(pages.first(), 90_000);
    const pageCount = await pages.count();
    expect(pageCount).toBeGreaterThanOrEqual(3);
    const submit = page.getByRole("button", { name: "Build the app" });
    await hydrated(submit);
    expect(await submit.isDisabled()).toBe(true);

    for (let i = 0; i < pageCount; i++) {
      const card = pages.nth(i);
      const frames = card.locator("iframe");
      expect(await frames.count()).toBe(3);
      for (let f = 0; f < 3; f++) {
        // An empty sandbox: no scripts, no same-origin, no forms, no top navigation.
        expect(await frames.nth(f).getAttribute("sandbox")).toBe("");
        expect(await frames.nth(f).getAttribute("srcdoc")).toContain("Sourdough Club");
      }
      // Each preview renders: its document has the business name on screen.
      await visible(card.frameLocator("iframe").first().getByText("Sourdough Club").first());
    }
    await screenshot("previews");

    // One proposed option per page, except the last, which gets the owner's own HTML.
    for (let i = 0; i < pageCount - 1; i++) await pages.nth(i).getByRole("radio").nth(i % 3).check();
    expect(await submit.isDisabled()).toBe(true);
    const last = pages.nth(pageCount - 1);
    await last.getByRole("radio", { name: "Use my own HTML" }).check();
    await last.getByRole("textbox", { name: /^Your HTML for/ }).fill(PASTED);
    const own = last.locator('iframe[title$="your HTML"]');
    await visible(own);
    expect(await own.getAttribute("sandbox")).toBe("");
    await visible(last.frameLocator('iframe[title$="your HTML"]').getByText("Say hello to Sourdough Club"));
    await visible(page.getByRole("region", { name: "Review" }).getByText(/actions: contact/).first());
    expect(await submit.isDisabled()).toBe(false);
    await screenshot("chosen");

    await submit.click();
    await page.waitForURL(/\/build\/jobs\/[^/]+$/, { timeout: STEP_MS });
    const progress = await visible(page.getByLabel("Job progress"));
    await visible(progress.getByLabel("Stages"));
    await visible(progress.getByLabel(/^Prepare: /));
    await visible(progress.getByText(/Fix round \d\/4/));
    // Embedded mode says so: the job's sandbox is a local process, not an isolated one.
    await visible(progress.getByLabel("Simulated: local sandbox"), BUILD_MS);
    await screenshot("progress");

    const download = await visible(page.getByRole("button", { name: "Download ZIP" }), BUILD_MS);
    await screenshot("completed");
    const [file] = await Promise.all([page.waitForEvent("download", { timeout: STEP_MS }), download.click()]);
    const saved = path.join(shotDir, "app.zip");
    await file.saveAs(saved);
    const zip = await readFile(saved);
    expect(zip.subarray(0, 2).toString("latin1")).toBe("PK");
    // The app the owner chose: one page file per route of the design, and the scripts to run it.
    const entries = await zipEntries(zip);
    expect(entries).toEqual(expect.arrayContaining(["app/page.tsx", "app/pricing/page.tsx", "app/about/page.tsx", "app/contact/page.tsx", "README.md", "run-app.sh"]));
  }, BUILD_MS + 5 * 60_000);
});
