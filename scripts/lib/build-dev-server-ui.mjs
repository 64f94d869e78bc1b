import fs from "node:fs";
import path from "node:path";
import { runLogged } from "./run-logged.mjs";

/** ui/package.json's `packageManager`: the exact pnpm its lockfile was written with. */
export const PNPM_VERSION = "10.18.2";
const UI_PACKAGE = "@inngest/dev-server-ui";

// A user's registry, proxy and TLS settings for npm carry over to pnpm; nothing else of npm's.
const NPM_NETWORK_SETTING = /^npm_config_(registry|https?_proxy|proxy|noproxy|no_proxy|cafile|ca|strict_ssl)$/i;

/**
 * The UI tools' environment: no telemetry, no git hooks (the module copy is no git checkout), no
 * prompts (CI), and none of a parent `npm run`'s npm_* variables (its package, prefix, lifecycle),
 * which pnpm would read as its own configuration.
 */
function uiEnv() {
  const inherited = Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key) || NPM_NETWORK_SETTING.test(key));
  return { ...Object.fromEntries(inherited), DO_NOT_TRACK: "1", NEXT_TELEMETRY_DISABLED: "1", HUSKY: "0", CI: "true" };
}

/**
 * Builds the Dev Server's web UI from the module's own source (what upstream's `make build-ui`
 * does) and puts it where `pkg/devserver/ui.go` embeds it (`//go:embed all:static`). `src` is the
 * writable copy of the module that the Go build compiles, so the assets need no overlay entry.
 *
 * Only npm registry packages are fetched; the UI's fonts come from Inngest's CDN in the browser,
 * at runtime, and the page falls back to system fonts where that host is unreachable.
 */
export async function buildDevServerUi({ src, logFile, log, step }) {
  const app = path.join(src, "ui", "apps", "dev-server-ui");
  const env = uiEnv();
  const pnpm = (args, label) => runLogged("npx", ["--yes", `pnpm@${PNPM_VERSION}`, ...args], { cwd: app, env, logFile, log, label });

  log(`[inngest-dev-server] ${step(1)} fetching pnpm ${PNPM_VERSION} from the npm registry`);
  await pnpm(["--version"], "fetching pnpm");

  // Only the UI and the workspace packages it depends on: the dashboard app's tree (Next.js, Sentry…) is not needed.
  log(`[inngest-dev-server] ${step(2)} installing the web UI's packages (pnpm install --frozen-lockfile, about a minute)`);
  await pnpm(["install", "--frozen-lockfile", "--filter", `${UI_PACKAGE}...`], "installing the web UI's packages");

  // The `build` script minus its `tsc --noEmit`: that check reaches into the dashboard app's
  // generated types, whose packages the filtered install leaves out, and it emits nothing.
  log(`[inngest-dev-server] ${step(3)} building the web UI (GraphQL codegen + vite build, 1–3 minutes)`);
  await pnpm(["exec", "graphql-codegen", "--config", "codegen.ts"], "generating the web UI's GraphQL types");
  await pnpm(["exec", "vite", "build", "--mode=production"], "building the web UI");

  const shell = path.join(app, "dist", "client", "_shell.html");
  if (!fs.existsSync(shell)) throw new Error(`the web UI build finished without ${shell}; full log: ${logFile}`);
  fs.cpSync(path.join(app, "dist"), path.join(src, "pkg", "devserver", "static"), { recursive: true });
}
