import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findSystemChromium, launchBrowser, resolveBrowser, type BrowserChoice } from "./support/browser";

/**
 * The browser journey's Chromium on a fresh machine: the packaged one starts without any system
 * package (its own NSS libraries, its own font), a system Chromium is preferred when present, and
 * a missing or broken browser is an error that says what to do.
 */
let scratch: string;
const open: Browser[] = [];

function executable(name: string, script: string): string {
  const file = path.join(scratch, name);
  fs.writeFileSync(file, `#!/bin/sh\n${script}\n`, { mode: 0o755 });
  return file;
}

/** Renders text with the browser's own fonts and runs a script: what the journey needs. */
async function rendersAPage(choice: BrowserChoice) {
  const browser = await launchBrowser(choice);
  open.push(browser);
  const page = await browser.newPage();
  await page.setContent(`<p><span id="text">Sourdough Club</span></p><button onclick="this.textContent='clicked'">Go</button>`);
  await page.getByRole("button", { name: "Go" }).click();
  expect(await page.textContent("button")).toBe("clicked");
  // Without a usable font the glyphs have no width; that is how a font-less Chromium shows.
  const width = await page.locator("#text").evaluate((el) => el.getBoundingClientRect().width);
  expect(width).toBeGreaterThan(50);
}

beforeAll(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), "aigency-browser-"));
});

afterAll(async () => {
  await Promise.all(open.map((browser) => browser.close()));
  fs.rmSync(scratch, { recursive: true, force: true });
});

describe("the journey's browser", () => {
  it("without a system Chromium, uses the packaged one, which starts on its bundled libraries", async () => {
    const choice = await resolveBrowser({ env: {}, systemPaths: [path.join(scratch, "no-such-chromium")] });
    expect(choice.source).toBe("packaged");
    expect(choice.description).toMatch(/@sparticuz\/chromium/);

    // NSS/NSPR come from the package, not from the OS: a Debian without Chromium has no libnss3.
    const linked = execFileSync("ldd", [choice.executablePath], { env: { ...process.env, ...choice.env }, encoding: "utf8" });
    expect(linked).not.toMatch(/not found/);
    expect(linked).toMatch(new RegExp(`libnss3\\.so => ${path.dirname(choice.executablePath)}/lib/libnss3\\.so`));

    await rendersAPage(choice);
  });

  it("prefers a system Chromium when one is installed, unless AIGENCY_BROWSER=packaged", async () => {
    const system = executable("chromium", "exit 0");
    expect(await resolveBrowser({ env: {}, systemPaths: [path.join(scratch, "absent"), system] })).toMatchObject({
      source: "system",
      executablePath: system,
      env: {},
    });
    expect((await resolveBrowser({ env: { AIGENCY_BROWSER: "packaged" }, systemPaths: [system] })).source).toBe("packaged");
  });

  it("the browser this machine picks by default starts (system when installed, else packaged)", async () => {
    const choice = await resolveBrowser({ env: {} });
    expect(choice.source).toBe(findSystemChromium() ? "system" : "packaged");
    await rendersAPage(choice);
  });

  it("a missing browser is an error naming the setting, never a silent fallback", async () => {
    await expect(resolveBrowser({ env: { AIGENCY_BROWSER: "/nowhere/chrome" } })).rejects.toThrow(
      "AIGENCY_BROWSER=/nowhere/chrome: no executable file there",
    );
    await expect(resolveBrowser({ env: { AIGENCY_BROWSER: "system" }, systemPaths: [path.join(scratch, "absent")] })).rejects.toThrow(
      /AIGENCY_BROWSER=system but no Chromium at/,
    );
    await expect(resolveBrowser({ env: { AIGENCY_BROWSER: "firefox" } })).rejects.toThrow(/AIGENCY_BROWSER must be .*got "firefox"/);
  });

  it("a broken browser fails the launch loudly, with its own error output", async () => {
    const broken = executable("broken-chromium", `echo "error while loading shared libraries: libnss3.so" >&2; exit 127`);
    const choice = await resolveBrowser({ env: { AIGENCY_BROWSER: broken } });
    expect(choice.source).toBe("configured");
    await expect(launchBrowser(choice)).rejects.toThrow(/The browser did not start: AIGENCY_BROWSER .*broken-chromium[\s\S]*libnss3/);
  });
});
