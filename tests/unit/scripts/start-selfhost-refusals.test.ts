import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkRedis } from "../../../scripts/lib/selfhost-stores.mjs";

const script = path.resolve(import.meta.dirname, "../../../scripts/start-selfhost.mjs");
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "selfhost-refusals-"));

/** A stand-in Redis that answers every command with `reply` (enough for AUTH/SELECT/PING). */
function fakeRedis(reply: (command: string) => string): Promise<{ url: string; close: () => void }> {
  const server = net.createServer((socket) =>
    socket.on("data", (chunk) => {
      const commands = chunk.toString().split("*").filter(Boolean).map((c) => c.split("\r\n")[2] ?? "");
      socket.write(commands.map((c) => `${reply(c)}\r\n`).join(""));
    }),
  );
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve({ url: `redis://127.0.0.1:${(server.address() as net.AddressInfo).port}`, close: () => server.close() })),
  );
}

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Runs the script asynchronously: the fake Redis below lives in this process and must keep answering. */
function runScript(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const { DATABASE_URL: _d, REDIS_URL: _r, NODE_ENV: _n, ...inherited } = process.env;
  // Development unless a test says production (vitest's own NODE_ENV=test is not passed on).
  const childEnv: NodeJS.ProcessEnv = { ...inherited, NODE_ENV: env.NODE_ENV === "production" ? "production" : "development", DATA_DIR: dataDir, ...env };
  const child = spawn(process.execPath, [script], { env: childEnv, timeout: 30_000 });
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += chunk));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stderr: stderr.trim() })));
}

function expectOneLineRefusal(result: { code: number | null; stderr: string }, message: RegExp) {
  expect(result.code).toBe(1);
  expect(result.stderr.split("\n")).toHaveLength(1);
  expect(result.stderr).toMatch(/^\[start:selfhost\] refused: /);
  expect(result.stderr).toMatch(message);
  expect(result.stderr).not.toMatch(/\n\s+at |Error:/);
}

let redis: Awaited<ReturnType<typeof fakeRedis>>;
beforeAll(async () => {
  redis = await fakeRedis((command) => (command === "PING" ? "+PONG" : "+OK"));
});
afterAll(() => {
  redis.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("npm run start:selfhost refuses bad settings with one line and exit 1", () => {
  it("a signing key with the signkey- prefix, saying how to make one", async () => {
    const result = await runScript({ DATABASE_URL: "postgres://p@127.0.0.1:1/a", INNGEST_SIGNING_KEY: `signkey-prod-${"ab".repeat(32)}` });
    expectOneLineRefusal(result, /without the "signkey-…" prefix.*openssl rand -hex 32/);
  });

  it("an odd-length signing key", async () => {
    expectOneLineRefusal(await runScript({ DATABASE_URL: "postgres://p@127.0.0.1:1/a", INNGEST_SIGNING_KEY: "abc".repeat(11) }), /even number of hex characters/);
  });

  it("production without keys", async () => {
    expectOneLineRefusal(await runScript({ NODE_ENV: "production", DATABASE_URL: "postgres://p@127.0.0.1:1/a" }), /INNGEST_SIGNING_KEY, INNGEST_EVENT_KEY, BETTER_AUTH_SECRET, ENCRYPTION_KEY are required in production/);
  });

  it("Redis unreachable, naming host:port", async () => {
    const port = await closedPort();
    const result = await runScript({ DATABASE_URL: "postgres://p@127.0.0.1:1/a", REDIS_URL: `redis://:hunter2@127.0.0.1:${port}` });
    expectOneLineRefusal(result, new RegExp(`Redis at 127\\.0\\.0\\.1:${port} is unreachable \\(ECONNREFUSED\\)`));
    expect(result.stderr).not.toContain("hunter2");
  });

  it("Postgres unreachable, naming host:port and never the password", async () => {
    const port = await closedPort();
    const result = await runScript({ DATABASE_URL: `postgres://app:hunter2@127.0.0.1:${port}/aigency`, REDIS_URL: redis.url });
    expectOneLineRefusal(result, new RegExp(`Postgres at 127\\.0\\.0\\.1:${port} is unreachable \\(ECONNREFUSED\\)`));
    expect(result.stderr).not.toContain("hunter2");
  });
});

describe("the Redis check", () => {
  it("passes when Redis answers, selecting the engine's DB index", async () => {
    const seen: string[] = [];
    const server = await fakeRedis((command) => (seen.push(command), command === "PING" ? "+PONG" : "+OK"));
    await checkRedis(new URL(`${server.url}/3`));
    server.close();
    expect(seen).toEqual(["SELECT", "PING"]);
  });

  it("refuses with what Redis said when it answers an error (a wrong password, a DB index out of range)", async () => {
    const server = await fakeRedis((command) => (command === "AUTH" ? "-WRONGPASS invalid username-password pair" : "+OK"));
    await expect(checkRedis(new URL(`redis://:nope@${server.url.slice("redis://".length)}/1`))).rejects.toThrow(
      /^Redis at 127\.0\.0\.1:\d+ refused us \(WRONGPASS invalid username-password pair\)/,
    );
    server.close();
  });
});
