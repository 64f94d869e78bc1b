import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createLocalSandbox } from "@/server/services/sandbox/local-sandbox";
import { LOCAL_TEMPLATE_READY_FILE } from "@/server/services/sandbox/local-templates";
import { SandboxGoneError, SandboxLimitError } from "@/server/services/sandbox/types";

let baseDir: string;
let templatesDir: string;
let sessions: ReturnType<typeof createLocalSandbox>["sessions"];
const roomy = { maxFileBytes: 1024, maxTotalBytes: 4096 };

beforeAll(async () => {
  baseDir = await mkdtemp(path.join(tmpdir(), "aigency-sandbox-sessions-"));
  templatesDir = await mkdtemp(path.join(tmpdir(), "aigency-sandbox-templates-"));
  sessions = createLocalSandbox({ baseDir, templatesDir, outputCapBytes: 1000 }).sessions;
});
afterAll(async () => {
  await rm(baseDir, { recursive: true, force: true });
  await rm(templatesDir, { recursive: true, force: true });
});

describe("local sandbox sessions", () => {
  it("keeps one sandbox across calls: upload, exec twice, download, delete", async () => {
    const { id, snapshot } = await sessions.create({ labels: { run: "r1" } });
    expect(snapshot).toBeNull();
    expect(id).toMatch(/^[a-z0-9-]+$/);
    await sessions.upload(id, [{ path: "agent/main.mjs", content: "console.log('stage', process.argv[2])" }]);
    const first = await sessions.exec(id, { command: "node agent/main.mjs research > research.txt", timeoutSeconds: 10 });
    expect(first).toMatchObject({ exitCode: 0, timedOut: false });
    const second = await sessions.exec(id, { command: "cat ../research.txt; pwd", cwd: "agent", timeoutSeconds: 10 });
    expect(second.output).toContain("stage research");
    expect(second.output.trim().endsWith(`${id}/work/agent`)).toBe(true);

    const files = await sessions.download(id, ["research.txt", "missing.txt", "agent"], roomy);
    expect(files).toEqual({ "research.txt": Buffer.from("stage research\n") });
    expect(await sessions.delete(id)).toBe(true);
    expect(await readdir(baseDir)).toEqual([]);
  });

  it("answers SandboxGoneError for a missing sandbox and false for deleting it again", async () => {
    const { id } = await sessions.create({ labels: {} });
    expect(await sessions.delete(id)).toBe(true);
    expect(await sessions.delete(id)).toBe(false);
    await expect(sessions.exec(id, { command: "true", timeoutSeconds: 5 })).rejects.toBeInstanceOf(SandboxGoneError);
    await expect(sessions.upload(id, [{ path: "a", content: "a" }])).rejects.toBeInstanceOf(SandboxGoneError);
    await expect(sessions.download(id, ["a"], roomy)).rejects.toBeInstanceOf(SandboxGoneError);
    // An id that is not ours (here one that walks out of the dir) simply does not exist.
    await expect(sessions.exec("../../etc", { command: "true", timeoutSeconds: 5 })).rejects.toBeInstanceOf(
      SandboxGoneError,
    );
    expect(await sessions.delete("../..")).toBe(false);
  });

  it("caps output and says so", async () => {
    const { id } = await sessions.create({ labels: {} });
    const result = await sessions.exec(id, { command: "head -c 50000 /dev/zero | tr '\\0' x", timeoutSeconds: 10 });
    expect(result).toMatchObject({ exitCode: 0, outputTruncated: true });
    expect(result.output).toHaveLength(1000);
    await sessions.delete(id);
  });

  it("enforces download caps per file and in total, naming the file and the cap", async () => {
    const { id } = await sessions.create({ labels: {} });
    await sessions.exec(id, {
      command: "head -c 2000 /dev/zero > big.bin; for n in 1 2 3; do head -c 900 /dev/zero > part$n.bin; done",
      timeoutSeconds: 10,
    });
    const limits = { maxFileBytes: 1000, maxTotalBytes: 2000 };
    await expect(sessions.download(id, ["big.bin"], limits)).rejects.toThrow(
      new SandboxLimitError("big.bin is 2000 bytes, over the 1000-byte limit per file"),
    );
    await expect(sessions.download(id, ["part1.bin", "part2.bin", "part3.bin"], limits)).rejects.toThrow(
      /part3\.bin takes the download to 2700 bytes, over the 2000-byte limit in total/,
    );
    const two = await sessions.download(id, ["part1.bin", "part2.bin"], limits);
    expect(Object.keys(two)).toEqual(["part1.bin", "part2.bin"]);
    await sessions.delete(id);
  });

  it("refuses a symlink leading outside, and never writes through one", async () => {
    const outside = path.join(templatesDir, "outside");
    await mkdir(outside, { recursive: true });
    const { id } = await sessions.create({ labels: {} });
    await sessions.exec(id, { command: `ln -s /etc/hostname leak.txt; ln -s ${outside} out`, timeoutSeconds: 5 });
    await expect(sessions.download(id, ["leak.txt"], roomy)).rejects.toThrow(/leak\.txt is a link to outside/);
    await expect(sessions.upload(id, [{ path: "out/x.txt", content: "x" }])).rejects.toThrow(/leads outside/);
    await expect(sessions.upload(id, [{ path: "out/deeper/x.txt", content: "x" }])).rejects.toThrow(/leads outside/);
    expect(await readdir(outside)).toEqual([]);
    await expect(sessions.upload(id, [{ path: "../x", content: "x" }])).rejects.toThrow(/Invalid sandbox file path/);
    await sessions.delete(id);
  });

  it("finds sandboxes by every given label, app=aigency included", async () => {
    const a = await sessions.create({ labels: { creativeVersionId: "v1", stage: "hooks" } });
    const b = await sessions.create({ labels: { creativeVersionId: "v1", stage: "images" } });
    const c = await sessions.create({ labels: { creativeVersionId: "v2" } });
    expect((await sessions.findByLabels({ creativeVersionId: "v1" })).sort()).toEqual([a.id, b.id].sort());
    expect(await sessions.findByLabels({ creativeVersionId: "v1", stage: "images" })).toEqual([b.id]);
    expect((await sessions.findByLabels({ app: "aigency" })).sort()).toEqual([a.id, b.id, c.id].sort());
    await sessions.delete(b.id);
    expect(await sessions.findByLabels({ creativeVersionId: "v1" })).toEqual([a.id]);
    await Promise.all([a, c].map((s) => sessions.delete(s.id)));
  });

  it("finds live sandboxes carrying a label key, whatever its value, with their labels", async () => {
    const a = await sessions.create({ labels: { appgenJobId: "j1" } });
    const b = await sessions.create({ labels: { appgenJobId: "j2" } });
    const other = await sessions.create({ labels: { creativeVersionId: "v1" } });
    await sessions.delete(b.id);
    expect(await sessions.findLabelled("appgenJobId")).toEqual([{ id: a.id, labels: expect.objectContaining({ appgenJobId: "j1", app: "aigency" }) }]);
    await Promise.all([a, other].map((s) => sessions.delete(s.id)));
    expect(await sessions.findLabelled("appgenJobId")).toEqual([]);
  });

  it("removes sandboxes past their lifetime when the next one is created", async () => {
    const old = await sessions.create({ labels: { aged: "yes" }, maxLifetimeMinutes: 5 });
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 6 * 60_000 });
    try {
      const fresh = await sessions.create({ labels: { aged: "no" }, maxLifetimeMinutes: 5 });
      expect(await sessions.findByLabels({ app: "aigency" })).toEqual([fresh.id]);
      expect(await sessions.delete(old.id)).toBe(false);
      await sessions.delete(fresh.id);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("local sandbox templates", () => {
  it("refuses a template that was never prepared, naming it", async () => {
    await mkdir(path.join(templatesDir, "half-built"), { recursive: true });
    for (const name of ["half-built", "never-built"]) {
      await expect(sessions.create({ labels: {}, template: name })).rejects.toThrow(
        new RegExp(`"${name}" is not prepared.*run the snapshot build`),
      );
    }
    await expect(sessions.create({ labels: {}, template: "../etc" })).rejects.toThrow(/Invalid sandbox template name/);
    expect(await readdir(baseDir)).toEqual([]);
  });

  it("gives every exec the shared template dir, without copying it", async () => {
    const dir = path.join(templatesDir, "creative-agent");
    await mkdir(path.join(dir, "rules"), { recursive: true });
    await writeFile(path.join(dir, "package.json"), '{"name":"creative-agent-template"}');
    await writeFile(path.join(dir, LOCAL_TEMPLATE_READY_FILE), "");
    const { id, snapshot } = await sessions.create({ labels: {}, template: "creative-agent" });
    expect(snapshot).toBe("creative-agent");
    const result = await sessions.exec(id, {
      command: 'echo "dir=$AIGENCY_TEMPLATE_DIR"; cat "$AIGENCY_TEMPLATE_DIR/package.json"; echo "listing=[$(ls -A)]"',
      timeoutSeconds: 5,
      env: { AIGENCY_TEMPLATE_DIR: "/somewhere/else" },
    });
    expect(result.output).toContain(`dir=${dir}\n`);
    expect(result.output).toContain("creative-agent-template");
    // The work dir starts empty: nothing of the template was copied in.
    expect(result.output).toContain("listing=[]");
    await sessions.delete(id);
  });
});
