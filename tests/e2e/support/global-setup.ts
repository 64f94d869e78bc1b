import path from "node:path";
import type { TestProject } from "vitest/node";
import { DEV_SERVER_ENV, resolveDevServerBinary } from "../../../scripts/inngest-dev-server.mjs";
import { prepareAppBuild, startAppUnderTest, syncApp } from "./app-under-test";
import { resolveBrowser } from "./browser";
import { createE2eDatabase } from "./database";
import type { EngineUnderTest } from "./engine";
import { productionBuildEnv } from "./next-build";
import { freePort, startProcess, waitForHttp, type ManagedProcess } from "./processes";

const root = path.resolve(import.meta.dirname, "../../..");
const logDir = path.join(root, "test-results", "e2e");

/**
 * The `e2e` profile: starts the real Inngest Dev Server and a production build of the app against a
 * fresh database, syncs them, and stops both afterwards (also when tests fail). No binary → throw: CI
 * must fail. (tests/e2e/support/global-setup-selfhost.ts is the same against two `inngest start` nodes.)
 */
export default async function setup(project: TestProject) {
  const started: ManagedProcess[] = [];
  const database = await createE2eDatabase();
  const teardown = async () => {
    await Promise.all(started.map((proc) => proc.stop()));
    await database.drop();
  };
  try {
    // First, so a missing browser fails the suite in seconds rather than after the build.
    const browser = await resolveBrowser();
    console.info(`[e2e] browser: ${browser.description}`);
    project.provide("browser", browser);
    const bin = await resolveDevServerBinary({ log: (line) => console.info(line) });
    await prepareAppBuild(root, logDir);

    const [devPort, ...connectPorts] = await Promise.all([1, 2, 3, 4].map(() => freePort()));
    const devServerUrl = `http://127.0.0.1:${devPort}`;
    const devServer = startProcess({
      name: "dev-server",
      command: bin,
      // Own connect ports too, so a developer's running `npm run dev` never collides with the suite.
      args: ["dev", "--no-discovery", "--no-poll", "--retry-interval", "1", "--tick", "10", "--port", String(devPort),
        "--connect-gateway-port", String(connectPorts[0]), "--connect-gateway-grpc-port", String(connectPorts[1]),
        "--connect-executor-grpc-port", String(connectPorts[2])],
      env: { ...process.env, ...DEV_SERVER_ENV },
      logDir,
    });
    started.push(devServer);

    const app = await startAppUnderTest({ root, logDir, database, engineEnv: (appUrl) => productionBuildEnv({ appUrl, devServerUrl }) });
    started.push(app.proc);
    await waitForHttp(`${devServerUrl}/health`, devServer);
    await syncApp(app.url);

    const engine: EngineUnderTest = { profile: "dev", eventUrl: `${devServerUrl}/e/test`, gqlUrl: devServerUrl };
    project.provide("appUrl", app.url);
    project.provide("devServerUrl", devServerUrl);
    project.provide("engine", engine);
    project.provide("databaseUrl", database.url);
    project.provide("dataDir", path.resolve(root, database.env.DATA_DIR ?? ".data"));
    console.info(`[e2e] app ${app.url} · Dev Server ${devServerUrl} · logs ${logDir}`);
  } catch (error) {
    await teardown();
    throw error;
  }
  return teardown;
}
