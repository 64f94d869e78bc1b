import fs from "node:fs";
import { chromium, type Browser } from "playwright-core";
import { z } from "zod";
import { unpackPackagedChromium } from "./packaged-chromium";

/**
 * Which Chromium the browser journey drives. A system Chromium wins when one is installed (it is
 * kept up to date by the OS); otherwise the one that `npm install` brought (`@sparticuz/chromium`).
 * `AIGENCY_BROWSER` overrides: `packaged`, `system`, or an absolute path to a Chrome/Chromium.
 * Whatever is chosen must start: a missing or broken browser fails the suite, it never skips.
 */
export interface BrowserChoice {
  source: "system" | "packaged" | "configured";
  executablePath: string;
  env: Record<string, string>;
  description: string;
}

export const SYSTEM_CHROMIUM_PATHS = ["/usr/bin/chromium", "/usr/bin/google-chrome"];

const browserSetting = z
  .string()
  .refine((value) => ["auto", "system", "packaged"].includes(value) || value.startsWith("/"), {
    error: "AIGENCY_BROWSER must be auto, system, packaged or an absolute path to a Chrome/Chromium executable",
  });

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

export function findSystemChromium(paths = SYSTEM_CHROMIUM_PATHS): string | undefined {
  return paths.find(isExecutable);
}

async function packaged(): Promise<BrowserChoice> {
  if (process.platform !== "linux" || process.arch !== "x64") {
    throw new Error(
      `the Chromium that npm install brings (@sparticuz/chromium) is an x86-64 Linux build; on ${process.platform}/${process.arch} ` +
        "install Chromium or Chrome and set AIGENCY_BROWSER=/path/to/it",
    );
  }
  const browser = await unpackPackagedChromium();
  return {
    source: "packaged",
    executablePath: browser.executablePath,
    env: browser.env,
    description: `packaged Chromium (@sparticuz/chromium ${browser.version}) ${browser.executablePath}`,
  };
}

export async function resolveBrowser(
  opts: { env?: { AIGENCY_BROWSER?: string }; systemPaths?: string[] } = {},
): Promise<BrowserChoice> {
  const env = opts.env ?? process.env;
  const parsed = browserSetting.safeParse(env.AIGENCY_BROWSER || "auto");
  if (!parsed.success) throw new Error(`${parsed.error.issues[0]?.message} (got "${env.AIGENCY_BROWSER}")`);
  const setting = parsed.data;

  if (setting.startsWith("/")) {
    if (!isExecutable(setting)) throw new Error(`AIGENCY_BROWSER=${setting}: no executable file there`);
    return { source: "configured", executablePath: setting, env: {}, description: `AIGENCY_BROWSER ${setting}` };
  }
  if (setting === "packaged") return packaged();

  const system = findSystemChromium(opts.systemPaths);
  if (system) return { source: "system", executablePath: system, env: {}, description: `system Chromium ${system}` };
  if (setting === "system") {
    throw new Error(`AIGENCY_BROWSER=system but no Chromium at ${(opts.systemPaths ?? SYSTEM_CHROMIUM_PATHS).join(" or ")}`);
  }
  return packaged();
}

// Root in containers needs --no-sandbox; the rest keeps Chromium from calling home during tests.
const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];

export async function launchBrowser(choice: BrowserChoice): Promise<Browser> {
  try {
    return await chromium.launch({
      executablePath: choice.executablePath,
      env: { ...process.env, ...choice.env },
      args: CHROMIUM_ARGS,
      timeout: 60_000,
    });
  } catch (error) {
    const hint =
      choice.source === "system"
        ? "Set AIGENCY_BROWSER=packaged to use the Chromium that npm install brought instead."
        : "Set AIGENCY_BROWSER=/path/to/chromium to use another browser.";
    throw new Error(`The browser did not start: ${choice.description}. ${hint}\n${error instanceof Error ? error.message : String(error)}`);
  }
}
