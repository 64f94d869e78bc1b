import { readdir } from "node:fs/promises";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLocalSandbox } from "@/server/services/sandbox/local-sandbox";

let baseDir: string;

beforeAll(async () => {
  baseDir = await mkdtemp(path.join(tmpdir(), "aigency-sandbox-base-"));
});
afterAll(async () => {
  await rm(baseDir, { recursive: true, force: true });
});

describe("local process sandbox", () => {
  it("writes files, runs the command, collects outputs and cleans its temp dir", async () => {
    const sandbox = createLocalSandbox({ baseDir });
    const result = await sandbox.run({
      files: [
        { path: "src/in.txt", content: "hello" },
        { path: "bin.dat", content: Buffer.from([1, 2, 3]) },
      ],
      command: "cat src/in.txt; echo ' err' 1>&2; mkdir -p out && tr a-z A-Z < src/in.txt > out/up.txt",
      timeoutSeconds: 10,
      collect: ["out/up.txt", "bin.dat", "missing.txt"],
    });
    expect(result.exitCode).toBe(0);
    expect(result.timedOut).toBe(false);
    expect(result.output).toContain("hello");
    expect(result.output).toContain("err");
    expect(result.files["out/up.txt"]?.toString()).toBe("HELLO");
    expect(result.files["bin.dat"]).toEqual(Buffer.from([1, 2, 3]));
    expect(Object.keys(result.files)).not.toContain("missing.txt");
    expect(await readdir(baseDir)).toEqual([]);
  });

  it("reports a non-zero exit code without throwing", async () => {
    const result = await createLocalSandbox({ baseDir }).run({ files: [], command: "exit 3", timeoutSeconds: 5 });
    expect(result).toMatchObject({ exitCode: 3, timedOut: false });
  });

  it("kills the whole process group on timeout, and still cleans up", async () => {
    const started = Date.now();
    const result = await createLocalSandbox({ baseDir }).run({
      files: [],
      // A background child in the same group must die too, or "close" would wait for it.
      command: "sleep 30 & echo started; sleep 30",
      timeoutSeconds: 1,
    });
    expect(result.timedOut).toBe(true);
    expect(result.exitCode).toBe(137);
    expect(result.output).toContain("started");
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await readdir(baseDir)).toEqual([]);
  });

  it("caps output and says it was truncated", async () => {
    const result = await createLocalSandbox({ baseDir, outputCapBytes: 1000 }).run({
      files: [],
      command: "head -c 50000 /dev/zero | tr '\\0' x",
      timeoutSeconds: 10,
    });
    expect(result.output).toHaveLength(1000);
    expect(result.outputTruncated).toBe(true);
    expect(result.exitCode).toBe(0);
  });

  it("runs with a scrubbed env: no parent secrets, HOME is the temp dir, job env passed", async () => {
    process.env.SECRET_X = "do-not-leak";
    try {
      const result = await createLocalSandbox({ baseDir }).run({
        files: [],
        command: 'env; echo "home=$HOME"',
        timeoutSeconds: 5,
        env: { JOB_VAR: "visible" },
      });
      expect(result.output).not.toContain("SECRET_X");
      expect(result.output).not.toContain("do-not-leak");
      expect(result.output).not.toContain("DATABASE_URL");
      expect(result.output).toContain("JOB_VAR=visible");
      expect(result.output).toMatch(new RegExp(`home=${baseDir}/aigency-sandbox-`));
      const names = result.output
        .split("\n")
        .filter((l) => /^[A-Z_]+=/.test(l))
        .map((l) => l.split("=")[0]);
      // AIGENCY_SANDBOX_RUN is the sandbox's own marker (no secret): how escaped children are found.
      const allowed = ["PATH", "HOME", "LANG", "JOB_VAR", "AIGENCY_SANDBOX_RUN", "PWD", "SHLVL", "_", "OLDPWD"];
      expect(names.filter((n) => !allowed.includes(n!))).toEqual([]);
    } finally {
      delete process.env.SECRET_X;
    }
  });

  it("refuses files outside its directory and removes the temp dir anyway", async () => {
    await expect(
      createLocalSandbox({ baseDir }).run({
        files: [{ path: "../escape.txt", content: "x" }],
        command: "true",
        timeoutSeconds: 5,
      }),
    ).rejects.toThrow(/Invalid sandbox file path/);
    expect(await readdir(baseDir)).toEqual([]);
  });

  it("does not collect a symlink that points outside the sandbox", async () => {
    const result = await createLocalSandbox({ baseDir }).run({
      files: [],
      command: "ln -s /etc/hostname leak.txt",
      timeoutSeconds: 5,
      collect: ["leak.txt"],
    });
    expect(result.files).toEqual({});
  });
});
