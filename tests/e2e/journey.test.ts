import { mkdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { PDFParse } from "pdf-parse";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startBrandSite } from "../integration/sandbox-programs/support/brand-site";
import { launchBrowser } from "./support/browser";

/**
 * The whole product journey in a real headless Chromium, embedded mode, against the real Dev
 * Server: sign up → project → onboarding chat with the offline model → confirm brief → connect the
 * simulated Facebook account → ask for changes to plan 1 → approve plan 2 → campaign live → "is live"
 * email in the mailbox → edit the brief (version 2), which brings plan 3 replacing the live campaign →
 * approve it → plan 2 is paused on Facebook.
 * A screenshot of every stage lands in test-results/journey/.
 */
const appUrl = process.env.JOURNEY_APP_URL ?? inject("appUrl");
const shotDir = path.resolve(import.meta.dirname, "../../test-results/journey");

// Background work (model replies, planning, deployment) runs through the Dev Server; these bound
// each wait generously without ever sleeping.
const STEP_MS = 45_000;
const DEPLOY_MS = 90_000;
// `next start` loads a route's server code on its first request: 43 s for /sign-up on a 2-core
// machine shared with other test runs, past Playwright's 30 s default for a navigation.
const NAVIGATION_MS = 90_000;

// The offline model asks these in order (src/server/onboarding/parse-answers.ts); each answer is
// sent once the question it answers is on screen.
const INTERVIEW: { waitFor: RegExp; answer: string }[] = [
  { waitFor: /what does your business do\?/i, answer: "We run a small sourdough bakery in Austin." },
  { waitFor: /main product or service/i, answer: "A weekly sourdough bread subscription, delivered to your door." },
  { waitFor: /who is it for\?/i, answer: "Busy professionals aged 25 to 45 who love good bread." },
  { waitFor: /where are those customers/i, answer: "Austin, Texas, United States" },
  { waitFor: /what should the ads get you/i, answer: "More sales please, about $600 a month." },
  {
    waitFor: /what makes you different/i,
    answer: "Everything is baked fresh each morning with organic flour. Our website is https://sourdough-example.com",
  },
];

let browser: Browser;
let page: Page;
// Set by the first step; the workspace step continues in the same project.
let projectUrl = "";
let shot = 0;

async function screenshot(stage: string) {
  shot += 1;
  await page.screenshot({ path: path.join(shotDir, `${String(shot).padStart(2, "0")}-${stage}.png`), fullPage: true });
}

async function visible(locator: Locator, timeout = STEP_MS): Promise<Locator> {
  await locator.waitFor({ state: "visible", timeout });
  return locator;
}

/**
 * Waits until React has hydrated `locator` (it carries React's props), so a click is handled by
 * the app rather than by a native form submit. networkidle never comes on pages that poll.
 */
async function hydrated(locator: Locator) {
  await visible(locator);
  await locator.evaluate(
    (el) =>
      new Promise<void>((resolve) => {
        const check = () => (Object.keys(el).some((k) => k.startsWith("__reactProps")) ? resolve() : setTimeout(check, 50));
        check();
      }),
    undefined,
    { timeout: STEP_MS },
  );
}

async function sendChat(text: string) {
  await page.getByRole("textbox", { name: "Message" }).fill(text);
  await page.getByRole("button", { name: "Send" }).click();
  // Stored and shown back from the database: the route accepted it.
  await visible(page.getByLabel("Your message").filter({ hasText: text }));
}

describe("journey: from sign-up to a live campaign, in a real browser", () => {
  beforeAll(async () => {
    mkdirSync(shotDir, { recursive: true });
    // Chosen (and unpacked when it is the packaged one) by the global setup, before the build.
    browser = await launchBrowser(inject("browser"));
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultNavigationTimeout(NAVIGATION_MS);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("signs up, briefs the agency, connects the simulated account, approves and sees the campaign live", async () => {
    const email = `journey-${Date.now()}@example.test`;

    await page.goto(`${appUrl}/sign-up`);
    await hydrated(page.getByRole("button", { name: "Sign up" }));
    await page.getByLabel("Name").fill("Journey Baker");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("correct-horse-battery");
    await screenshot("sign-up");
    await page.getByRole("button", { name: "Sign up" }).click();
    await page.waitForURL(/\/dashboard$/, { timeout: STEP_MS });
    await hydrated(page.getByRole("button", { name: "Create project" }));

    await page.getByLabel("Project name").fill("Sourdough Club");
    await page.getByLabel("Website").fill("https://sourdough-example.com");
    await screenshot("dashboard");
    await page.getByRole("button", { name: "Create project" }).click();
    await page.waitForURL(/\/projects\/[^/]+$/, { timeout: STEP_MS });
    projectUrl = page.url();

    await hydrated(page.getByRole("button", { name: "Send" }));
    await sendChat("Hello! I'd like to advertise my bakery.");
    for (const turn of INTERVIEW) {
      await visible(page.getByLabel("Agency message").filter({ hasText: turn.waitFor }).last());
      await sendChat(turn.answer);
    }
    await screenshot("chat");

    const brief = await visible(page.getByRole("region", { name: "Brief summary" }));
    await visible(brief.getByText("https://sourdough-example.com"));
    expect(await brief.textContent()).toContain("$600");
    await screenshot("brief");
    await brief.getByRole("button", { name: "Confirm brief" }).click();

    const fbCard = await visible(page.getByRole("region", { name: "Connect Facebook" }));
    expect(await fbCard.textContent()).toContain("Simulated Facebook account");
    await screenshot("facebook-connect");
    await fbCard.getByRole("button", { name: "Connect Facebook" }).click();

    // Back from the (simulated) OAuth dialog: pick one of the listed ad accounts.
    await page.waitForURL((url) => url.toString().startsWith(projectUrl), { timeout: STEP_MS });
    await hydrated(page.getByRole("button", { name: "Use this ad account" }));
    const picker = page.getByRole("radiogroup", { name: /which ad account/i });
    await picker.getByRole("radio").first().check();
    await screenshot("pick-ad-account");
    await page.getByRole("button", { name: "Use this ad account" }).click();
    await visible(page.getByRole("region", { name: "Connect Facebook" }).getByText(/^Connected:/));

    const plan = await visible(page.getByRole("region", { name: /Campaign plan version 1/ }), DEPLOY_MS);
    for (const heading of ["Goal", "Who will see the ads", "The ads", "Budget", /What to expect/]) {
      await visible(plan.getByText(heading, { exact: typeof heading === "string" }));
    }
    // The bell was mounted before this notification existed and only polls every 30 s as a fallback:
    // seeing it within 15 s proves the realtime channel delivered it live.
    await visible(page.getByRole("button", { name: /Notifications \(1 unread\)/ }), 15_000);
    await plan.scrollIntoViewIfNeeded();
    await screenshot("approval-card");
    // The owner asks for a change first; the planner answers with version 2, which they approve.
    await plan.getByRole("button", { name: "Request changes" }).click();
    await plan.getByRole("textbox", { name: "What should change?" }).fill("Please show it to people aged 30 to 50.");
    await plan.getByRole("button", { name: "Send changes" }).click();
    await visible(plan.getByText("You asked for changes to this plan."));
    const revised = await visible(page.getByRole("region", { name: /Campaign plan version 2/ }), DEPLOY_MS);
    await visible(revised.getByText(/aged 30–50/));
    await revised.scrollIntoViewIfNeeded();
    await screenshot("revised-plan");
    await revised.getByRole("button", { name: "Approve" }).click();
    await visible(revised.getByText("You approved this plan."));

    const deployment = await visible(page.getByRole("region", { name: "Deployment progress" }));
    await visible(deployment.getByLabel("Campaign status").filter({ hasText: "ACTIVE" }), DEPLOY_MS);
    await deployment.scrollIntoViewIfNeeded();
    await screenshot("deployed");

    await deployment.getByRole("link", { name: "View the campaign" }).click();
    await page.waitForURL(/\/campaigns\/[^/]+$/, { timeout: STEP_MS });
    await visible(page.getByLabel("Campaign status").filter({ hasText: "ACTIVE" }));
    await visible(page.getByText("Simulated ad account", { exact: true }));
    // The ids are for support, folded away under "Technical details": open the fold first.
    await page.getByText("Technical details", { exact: true }).click();
    const ids = await visible(page.getByRole("table", { name: "Facebook ids" }));
    expect(await ids.getByRole("row").count()).toBeGreaterThanOrEqual(5);
    await screenshot("campaign-view");

    // The bell has the "live" notification too.
    await visible(page.getByRole("button", { name: /Notifications \(\d+ unread\)/ }));

    await page.goto(`${appUrl}/dev/mailbox`);
    await visible(page.getByRole("heading", { name: /is live$/ }));
    await screenshot("mailbox");

    // Later the owner changes the brief: a confirmed new version, planned again, awaiting approval.
    await page.goto(projectUrl);
    const currentBrief = await visible(page.getByRole("region", { name: "Brief summary" }));
    await visible(currentBrief.getByText("Brief · version 1"));
    const editButton = currentBrief.getByRole("button", { name: "Edit brief" });
    await hydrated(editButton);
    await editButton.click();
    const editor = await visible(page.getByRole("dialog", { name: "Edit your brief" }));
    const budget = editor.getByRole("textbox", { name: "Monthly budget (USD)" });
    await visible(budget);
    expect(await budget.inputValue()).toBe("600");
    expect(await editor.getByRole("textbox", { name: "Website URL" }).inputValue()).toBe("https://sourdough-example.com");
    await budget.fill("900");
    await editor.getByRole("button", { name: "Save changes" }).click();
    await visible(editor.getByText("Save as version 2? The agency will prepare a new plan for your approval."));
    await editor.getByRole("button", { name: "Save version 2" }).click();
    await visible(currentBrief.getByRole("status").filter({ hasText: "Brief updated to version 2" }));
    await visible(currentBrief.getByText("Brief · version 2"));
    expect(await currentBrief.textContent()).toContain("$900");

    const newPlan = await visible(page.getByRole("region", { name: /Campaign plan version 3/ }), DEPLOY_MS);
    await visible(newPlan.getByRole("table", { name: "Budget breakdown" }).getByText("$900", { exact: true }));
    // The card says which live campaign this one replaces, and that it will be paused.
    const replaces = await visible(newPlan.getByLabel("Replaces a live campaign"));
    expect(await replaces.textContent()).toMatch(/Replaces campaign “.+” \(version 2\), live at \$[\d.,]+\/day; it will be paused once this one is live\./);
    // Until it is approved, the live campaign keeps running untouched.
    await visible(page.getByRole("region", { name: "Deployment progress" }).first().getByLabel("Campaign status").filter({ hasText: "ACTIVE" }));
    await newPlan.scrollIntoViewIfNeeded();
    await screenshot("brief-edited");

    await newPlan.getByRole("button", { name: "Approve" }).click();
    await visible(newPlan.getByText("You approved this plan."));
    const second = page.getByRole("region", { name: "Deployment progress" }).last();
    await visible(second.getByLabel("Campaign status").filter({ hasText: "ACTIVE" }), DEPLOY_MS);
    // Once version 3 is live, version 2 is paused on Facebook, and the conversation says so.
    const paused = page.getByLabel("Agent action").filter({ hasText: /Paused “.+” \(version 2\) on Facebook: version 3 is live and replaces it\./ });
    await expect
      .poll(async () => {
        await page.reload();
        return paused.count();
      }, { timeout: DEPLOY_MS, interval: 2_000 })
      .toBe(1);
    await paused.scrollIntoViewIfNeeded();
    await screenshot("replaced-campaign-paused");
    // Two plans, two deployments and a pause: past the project's 120 s e2e default on a loaded machine.
  }, 300_000);

  it("works in the workspace: a week's report to download, the three panel tabs, and a pause asked of the agent, approved and shown in Activity", async () => {
    // Continues from the previous step: version 3 is live. A week passes on the simulated account.
    await page.goto(projectUrl);
    const deployments = page.getByRole("region", { name: "Deployment progress" });
    await deployments.last().getByRole("link", { name: "View the campaign" }).click();
    await page.waitForURL(/\/campaigns\/[^/]+$/, { timeout: STEP_MS });
    // Mantine's Alert names the region by its title ("Simulated time"), not by its aria-label.
    const clock = await visible(page.getByRole("region", { name: /Simulated time/ }));
    await hydrated(clock.getByRole("button", { name: "Advance 7 days" }));
    await clock.getByRole("button", { name: "Advance 7 days" }).click();
    await visible(clock.getByText(/Moved the simulated clock 7 days ahead/));
    await clock.getByRole("button", { name: "Advance 1 day" }).click();
    await visible(clock.getByText(/Moved the simulated clock 1 day ahead/));
    await clock.getByRole("button", { name: "Run monitoring now" }).click();
    await visible(clock.getByText(/Monitoring is running/));
    await screenshot("week-later");

    await page.goto(projectUrl);
    await hydrated(page.getByRole("tab", { name: "Artifacts" }));
    // Artifacts: the week's report arrives once monitoring saw the complete week.
    await page.getByRole("tab", { name: "Artifacts" }).click();
    const artifacts = page.getByRole("tabpanel", { name: "Artifacts" });
    const report = artifacts.getByRole("button", { name: /^Open Weekly report/ }).first();
    await expect
      .poll(async () => {
        if ((await report.count()) > 0) return true;
        await page.reload();
        await page.getByRole("tab", { name: "Artifacts" }).click();
        return false;
      }, { timeout: DEPLOY_MS, interval: 2_000 })
      .toBe(true);
    await report.click();
    const preview = await visible(page.getByRole("dialog"));
    await screenshot("report-preview");
    const [download] = await Promise.all([page.waitForEvent("download"), preview.getByRole("link", { name: "Download PDF" }).click()]);
    const pdf = await readFile(await download.path());
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const text = (await new PDFParse({ data: pdf }).getText()).text;
    expect(text).toMatch(/Weekly report, week 1/);
    expect(text).toContain("Sourdough Club");
    expect(text).toMatch(/\$[\d.,]+/);
    await page.keyboard.press("Escape");

    // Tools: a click puts the ready prompt in the composer; the agent proposes, the owner approves.
    await page.getByRole("tab", { name: "Tools" }).click();
    const tools = page.getByRole("tabpanel", { name: "Tools" });
    await tools.getByRole("button", { name: /Pause the campaign/ }).click();
    expect(await page.getByRole("textbox", { name: "Message" }).inputValue()).toBe("Please pause my campaign.");
    await page.getByRole("button", { name: "Send" }).click();
    await visible(page.getByLabel("Your message").filter({ hasText: "Please pause my campaign." }));
    const card = page.getByTestId("optimization-action-card").filter({ hasText: "Pause the whole campaign" }).last();
    await visible(card.getByRole("button", { name: "Approve change" }), DEPLOY_MS);
    await card.scrollIntoViewIfNeeded();
    await screenshot("agent-pause-proposal");
    await card.getByRole("button", { name: "Approve change" }).click();
    await visible(card.getByRole("status", { name: /Decision: / }));

    // Activity: the pause, applied.
    await page.getByRole("tab", { name: "Activity" }).click();
    const activity = page.getByRole("tabpanel", { name: "Activity" });
    await expect
      .poll(async () => {
        const text = (await activity.textContent()) ?? "";
        if (/Pause the whole campaign/.test(text) && /Applied/.test(text)) return true;
        await page.reload();
        await page.getByRole("tab", { name: "Activity" }).click();
        return false;
      }, { timeout: DEPLOY_MS, interval: 2_000 })
      .toBe(true);
    await screenshot("activity");
  }, 300_000);

  it("makes ad creatives in the studio: version 1 from the brand's site, its hooks and images side by side, then 'Hooks only'", async () => {
    const site = await startBrandSite();
    try {
      await page.goto(projectUrl, { timeout: NAVIGATION_MS });
      await page.getByRole("link", { name: "Creative studio" }).click();
      const form = page.getByRole("region", { name: "New creative session" });
      await hydrated(form.getByRole("button", { name: "Make creatives" }));
      await form.getByLabel("Brand name").fill("Sourdough Club");
      await form.getByLabel("Brand website").fill(site.url("/"));
      await form.getByRole("button", { name: "Make creatives" }).click();

      // The session page refreshes itself while the version works: stage by stage, then the hooks and both images.
      const hookOne = page.getByRole("region", { name: "Hooks and images" }).getByLabel("Hook 1", { exact: true });
      await visible(hookOne.getByRole("img", { name: "Hook 1, 1200×628" }), DEPLOY_MS);
      await visible(hookOne.getByRole("img", { name: "Hook 1, 1080×1080" }));
      await visible(page.getByLabel("Offline generator"));
      expect(await page.getByRole("region", { name: "Current version progress" }).textContent()).toMatch(/✓ Reading the brand.s website.*✓ Drawing the images/);
      await screenshot("creative-v1");
      const firstHeadline = await hookOne.getByText(/^1\. /).textContent();

      const feedback = page.getByRole("region", { name: "Feedback for the next version" });
      await hydrated(feedback.getByRole("button", { name: "Make the next version" }));
      await feedback.getByText("Hooks only", { exact: true }).click();
      await feedback.getByRole("button", { name: "Make the next version" }).click();
      const history = page.getByRole("region", { name: "Version history" });
      await expect
        .poll(async () => (await history.getByRole("row").filter({ hasText: "v2" }).textContent()) ?? "", { timeout: DEPLOY_MS, interval: 1_000 })
        .toMatch(/Hooks only.*Ready/);
      expect(await page.getByRole("region", { name: "Current version progress" }).textContent()).toMatch(/↺ Reading the brand.s website \(kept from the last version\)/);
      await visible(page.getByRole("region", { name: "Hooks and images" }).getByText("Hooks and images (v2)"));
      // New hooks, not the same ones again.
      expect(await hookOne.getByText(/^1\. /).textContent()).not.toBe(firstHeadline);
      await screenshot("creative-v2");
    } finally {
      await site.close();
    }
  }, 300_000);
});
