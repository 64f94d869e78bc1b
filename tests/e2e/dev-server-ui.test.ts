import type { Browser } from "playwright-core";
import { afterAll, describe, expect, inject, it } from "vitest";
import { launchBrowser } from "./support/browser";
import { deployToCompletion } from "./support/deployment";
import { DevServer } from "./support/dev-server-api";

/**
 * The Dev Server's own web UI, as a user replays a run with it: the binary built from source must
 * embed the UI (a UI-less build answers every page with an empty body), and rerunning the deploy
 * run from the runs list must duplicate nothing, exactly like the GraphQL rerun in replay.test.ts.
 */
const devServerUrl = inject("devServerUrl");
const devServer = new DevServer(devServerUrl);
const databaseUrl = inject("databaseUrl");
const open: Browser[] = [];

afterAll(async () => {
  await Promise.all(open.map((browser) => browser.close()));
});

describe("the Dev Server's web UI", () => {
  it("serves the built UI: the SPA shell and the scripts it loads", async () => {
    const res = await fetch(`${devServerUrl}/runs`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html, "the Dev Server answered an empty page: its binary was built without the web UI").toMatch(/<title>Inngest Server<\/title>/);
    const script = /<link rel="modulepreload" href="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script, html.slice(0, 500)).toBeDefined();
    const asset = await fetch(`${devServerUrl}${script}`);
    expect(asset.status).toBe(200);
    expect((await asset.text()).length).toBeGreaterThan(100);
  });

  it("finds the deploy run in the runs list, reruns it with a click, and nothing is duplicated", async () => {
    const deployment = await deployToCompletion({ appUrl: inject("appUrl"), devServer, databaseUrl, user: "dev-server-ui" });
    const { run: original, completed: first } = deployment;
    const before = await deployment.sideEffects();
    expect(before.objectIds.length).toBeGreaterThanOrEqual(4);

    const browser = await launchBrowser(inject("browser"));
    open.push(browser);
    const page = await browser.newPage();
    // Only the Dev Server answers here: the UI's fonts (Inngest's CDN) would just time out.
    const origin = new URL(devServerUrl).origin;
    await page.route((url) => url.origin !== origin, (route) => route.abort());

    await page.goto(`${devServerUrl}/runs`);
    const row = page.locator("tr", { hasText: original.id });
    await row.click({ timeout: 30_000 });
    await page.getByRole("button", { name: "Rerun", exact: true }).click({ timeout: 30_000 });
    // The confirmation toast links to the new run's page.
    const queued = page.getByRole("link", { name: "Successfully queued rerun" });
    const href = await queued.getAttribute("href", { timeout: 30_000 });
    const rerunId = new URL(href ?? "", devServerUrl).searchParams.get("runID");
    expect(rerunId, `toast link ${href}`).toBeTruthy();
    expect(rerunId).not.toBe(original.id);

    const second = await devServer.waitForRunStatus(rerunId!, { statuses: ["COMPLETED"], timeoutMs: 90_000 });
    expect(second.output).toEqual(first.output);
    // The UI shows the new run completed, too.
    await page.goto(`${devServerUrl}/run?runID=${rerunId}`);
    await expect.poll(() => page.getByText("Completed").first().isVisible(), { timeout: 30_000 }).toBe(true);

    expect(await deployment.sideEffects()).toEqual(before);
    expect(await deployment.announcements()).toBe(1);
  });
});
