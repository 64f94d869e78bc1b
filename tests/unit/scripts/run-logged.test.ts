import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runLogged } from "../../../scripts/lib/run-logged.mjs";

/** A build step's output goes to the build log; a failing step's error shows the log's last lines. */
let scratch: string;
let logFile: string;

beforeEach(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), "aigency-run-logged-"));
  logFile = path.join(scratch, "build.log");
  fs.writeFileSync(logFile, "");
});

afterEach(() => {
  fs.rmSync(scratch, { recursive: true, force: true });
});

const step = (script: string, label = "building the web UI") =>
  runLogged("sh", ["-c", script], { cwd: scratch, env: process.env, logFile, log: () => {}, label });

describe("runLogged", () => {
  it("appends the command and its output to the log, with the step's duration", async () => {
    await step("echo vite built in 6s");
    const log = fs.readFileSync(logFile, "utf8");
    expect(log).toContain(`$ sh -c echo vite built in 6s   (in ${scratch})`);
    expect(log).toContain("vite built in 6s");
    expect(log).toMatch(/# building the web UI: done after \d+s/);
  });

  it("a failing step names itself, its exit code and the log, and quotes the log's tail", async () => {
    const failure = step("echo resolving; echo 'ERR_PNPM_OUTDATED_LOCKFILE' >&2; exit 3", "installing the web UI's packages");
    await expect(failure).rejects.toThrow(/^installing the web UI's packages failed: .* exited with code 3; full log: .*build\.log\n/);
    await expect(failure).rejects.toThrow(/ERR_PNPM_OUTDATED_LOCKFILE/);
  });

  it("a command that cannot start is an error too, not a hang", async () => {
    const failure = runLogged("/nonexistent/pnpm", [], { cwd: scratch, env: process.env, logFile, log: () => {}, label: "fetching pnpm" });
    await expect(failure).rejects.toThrow(/^fetching pnpm failed: .*could not start \(spawn \/nonexistent\/pnpm ENOENT\)/);
  });
});
