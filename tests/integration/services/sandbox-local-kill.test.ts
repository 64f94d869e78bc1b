import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLocalSessions } from "@/server/services/sandbox/local-sessions";
import { SandboxGoneError } from "@/server/services/sandbox/types";

let baseDir: string;
let sessions: ReturnType<typeof createLocalSessions>;

beforeAll(async () => {
  baseDir = await mkdtemp(path.join(tmpdir(), "aigency-sandbox-kill-"));
  sessions = createLocalSessions({ sandboxesDir: baseDir, templatesDir: baseDir, outputCapBytes: 64 * 1024 });
});
afterAll(async () => {
  await rm(baseDir, { recursive: true, force: true });
});

/** Alive means present in /proc and not a zombie (this machine's init never reaps orphans). */
async function isRunning(pid: number): Promise<boolean> {
  const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => null);
  if (!stat) return false;
  return !["Z", "X"].includes(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[0]!);
}

/** Waits until the command has written every pid file, then reads them. */
async function readPids(workDir: string, names: string[]): Promise<Record<string, number>> {
  const deadline = Date.now() + 5_000;
  while (Date.now() < deadline) {
    const contents = await Promise.all(names.map((n) => readFile(path.join(workDir, n), "utf8").catch(() => "")));
    if (contents.every((c) => /^\d+\n?$/.test(c))) {
      return Object.fromEntries(names.map((n, i) => [n, Number(contents[i])]));
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`pid files ${names.join(", ")} never appeared`);
}

// Three ways to leave the process group: a new session, a nohup'd double fork whose parent exits
// (the sleep ends up parented by init, in another session), and one that also clears its env.
const ESCAPES = [
  "setsid sleep 60 & echo $! > setsid.pid",
  `nohup setsid sh -c 'sleep 60 & echo $! > nohup.pid' >/dev/null 2>&1 &`,
  "env -i setsid sleep 60 & echo $! > bare.pid",
].join("\n");
const PID_FILES = ["setsid.pid", "nohup.pid", "bare.pid"];
// The nohup'd grandchild writes its pid a moment later; wait so it exists before the shell goes on.
const AWAIT_PIDS = "while [ ! -s nohup.pid ]; do sleep 0.05; done";

describe("local sandbox: nothing a command starts outlives it", () => {
  it("kills detached children and grandchildren on timeout (checked by pid)", async () => {
    const { id } = await sessions.create({ labels: { test: "timeout" } });
    const running = sessions.exec(id, { command: `${ESCAPES}\nsleep 60`, timeoutSeconds: 2 });
    const pids = await readPids(path.join(baseDir, id, "work"), PID_FILES);
    for (const pid of Object.values(pids)) expect(await isRunning(pid)).toBe(true);

    const result = await running;
    expect(result).toMatchObject({ timedOut: true, exitCode: 137 });
    expect(result.durationMs).toBeLessThan(5_000);
    for (const pid of Object.values(pids)) expect(await isRunning(pid)).toBe(false);
    expect(await readdir(path.join(baseDir, id, "pids"))).toEqual([]);
    await sessions.delete(id);
  });

  it("ends escaped children when the command exits normally, instead of waiting on their pipes", async () => {
    const { id } = await sessions.create({ labels: { test: "exit" } });
    const result = await sessions.exec(id, { command: `${ESCAPES}\n${AWAIT_PIDS}; echo done`, timeoutSeconds: 20 });
    expect(result).toMatchObject({ exitCode: 0, timedOut: false });
    expect(result.output).toContain("done");
    expect(result.durationMs).toBeLessThan(5_000);
    const pids = await readPids(path.join(baseDir, id, "work"), PID_FILES);
    for (const pid of Object.values(pids)) expect(await isRunning(pid)).toBe(false);
    await sessions.delete(id);
  });

  it("delete kills a command still running, with its escaped children, and removes the dir", async () => {
    const { id } = await sessions.create({ labels: { test: "delete" } });
    // Settled into a value at once, so its rejection is never "unhandled" while delete runs.
    const running = sessions.exec(id, { command: `${ESCAPES}\nsleep 60`, timeoutSeconds: 60 }).catch((e: unknown) => e);
    const pids = await readPids(path.join(baseDir, id, "work"), PID_FILES);
    const [leader] = await readdir(path.join(baseDir, id, "pids"));
    expect(await isRunning(Number(leader))).toBe(true);

    // Another instance: nothing is shared in memory, as with a cancellation handler elsewhere.
    const other = createLocalSessions({ sandboxesDir: baseDir, templatesDir: baseDir, outputCapBytes: 1024 });
    expect(await other.delete(id)).toBe(true);
    expect(await running).toBeInstanceOf(SandboxGoneError);
    for (const pid of [Number(leader), ...Object.values(pids)]) expect(await isRunning(pid)).toBe(false);
    expect(await readdir(baseDir)).not.toContainEqual(expect.stringContaining(id));
    expect(await other.delete(id)).toBe(false);
  });

  it("delete from another OS process ends the running command", async () => {
    const { id } = await sessions.create({ labels: { test: "cross-process" } });
    const running = sessions
      .exec(id, { command: "setsid sleep 60 & echo $! > child.pid; sleep 60", timeoutSeconds: 60 })
      .catch((e: unknown) => e);
    const { "child.pid": child } = await readPids(path.join(baseDir, id, "work"), ["child.pid"]);

    const script = path.join(baseDir, "delete.mts");
    const modulePath = path.resolve("src/server/services/sandbox/local-sessions.ts");
    await writeFile(
      script,
      `import { createLocalSessions } from ${JSON.stringify(modulePath)};\n` +
        `const s = createLocalSessions({ sandboxesDir: process.argv[2]!, templatesDir: process.argv[2]!, outputCapBytes: 1 });\n` +
        `console.log(JSON.stringify(await s.delete(process.argv[3]!)));\n`,
    );
    const { stdout } = await promisify(execFile)(path.resolve("node_modules/.bin/tsx"), [script, baseDir, id]);
    expect(stdout.trim()).toBe("true");
    expect(await running).toBeInstanceOf(SandboxGoneError);
    expect(await isRunning(child!)).toBe(false);
    expect((await readdir(baseDir)).filter((n) => n.startsWith(id))).toEqual([]);
  });
});
