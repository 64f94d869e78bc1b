import fs from "node:fs";
import type http from "node:http";
import os from "node:os";
import path from "node:path";
import { DEV_SERVER_ENV, resolveDevServerBinary } from "../../scripts/inngest-dev-server.mjs";
import { freePort, startProcess, waitForHttp, type ManagedProcess } from "../../tests/e2e/support/processes";

export const benchRoot = path.resolve(import.meta.dirname, "..");

/** A fresh in-memory Dev Server with the same fast settings as the e2e suite (queue tick 10 ms). */
export async function startDevServer(): Promise<{ url: string; proc: ManagedProcess }> {
  const bin = await resolveDevServerBinary({ log: (line) => console.info(line) });
  const [port, ...connect] = await Promise.all([1, 2, 3, 4].map(() => freePort()));
  const proc = startProcess({
    name: "bench-dev-server",
    command: bin,
    args: ["dev", "--no-discovery", "--no-poll", "--tick", "10", "--port", String(port), "--connect-gateway-port",
      String(connect[0]), "--connect-gateway-grpc-port", String(connect[1]), "--connect-executor-grpc-port", String(connect[2])],
    env: { ...process.env, ...DEV_SERVER_ENV },
    logDir: path.join(benchRoot, "..", "test-results", "bench"),
  });
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/health`, proc);
  return { url, proc };
}

export function listen(server: http.Server): Promise<number> {
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => resolve((server.address() as { port: number }).port));
  });
}

export function describeMachine() {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? "unknown",
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
  };
}

export function writeResult(file: string, figures: Record<string, unknown>, command: string): string {
  const target = path.join(benchRoot, "results", file);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const result = { ...figures, command, machine: describeMachine(), measuredAt: new Date().toISOString() };
  fs.writeFileSync(target, `${JSON.stringify(result, null, 2)}\n`);
  return target;
}
