import { randomBytes } from "node:crypto";
import { symlink } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import yazl from "yazl";
import { storeZip, zipWorkspace } from "@/server/appgen/pipeline/artifact";
import { uploadJobInputs } from "@/server/appgen/pipeline/sandbox";
import { checkZip } from "@/server/appgen/pipeline/zip-check";
import { modelAgents } from "@/server/appgen/pipeline/agents";
import { createLocalSandbox } from "@/server/services/sandbox/local-sandbox";
import { createLocalStorage } from "@/server/services/storage/local-storage";
import { prepareLightStarter, removeRoot, specOf, tempRoot } from "./pipeline-support";

// The package stage's safety: every entry of the ZIP is checked before it is stored, and the size cap holds.
const REQUIRED: [string, string, number][] = [
  ["README.md", "# App\n", 0o644],
  [".env.example", "\n", 0o644],
  ["run-app.sh", "#!/bin/sh\n", 0o755],
  ["run-app.bat", "@echo off\r\n", 0o644],
  ["package.json", "{}\n", 0o644],
];

/** A ZIP yazl writes; names are swapped byte for byte afterwards, because yazl (rightly) refuses to write unsafe ones. */
async function zipOf(entries: [string, string, number][], swap: [string, string][] = [], links: [string, string][] = []): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, content, mode] of entries) zip.addBuffer(Buffer.from(content), name, { mode: 0o100000 | mode });
  for (const [name, target] of links) zip.addBuffer(Buffer.from(target), name, { mode: 0o120777 });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  let buf = Buffer.concat(chunks);
  for (const [from, to] of swap) {
    expect(from.length).toBe(to.length);
    buf = Buffer.from(buf.toString("latin1").split(from).join(to), "latin1");
  }
  return buf;
}

describe("checkZip refuses what could land outside the folder it is unpacked in", () => {
  it("accepts a well-formed app ZIP", async () => {
    expect(await checkZip(await zipOf(REQUIRED, [], [["lib/alias.ts", "../README.md"]]))).toEqual({ ok: true, entryCount: 6, problems: [] });
  });

  it.each([
    ["a '..' entry", [["aa/x.txt", "../x.txt"]] as [string, string][], [] as [string, string][], /\.\.\/x\.txt/],
    ["an absolute path", [["zzzz/passwd", "/etc/passwd"]] as [string, string][], [], /\/etc\/passwd/],
    ["a symlink out of the tree", [], [["lib/escape", "../../etc/passwd"]] as [string, string][], /lib\/escape: a symlink out of the tree/],
    ["an absolute symlink", [], [["lib/abs", "/etc/passwd"]] as [string, string][], /lib\/abs: a symlink out of the tree/],
  ])("refuses %s", async (_label, swap, links, problem) => {
    const extra: [string, string, number][] = swap.length ? [[swap[0]![0], "x", 0o644]] : [];
    const check = await checkZip(await zipOf([...REQUIRED, ...extra], swap, links));
    expect(check.ok).toBe(false);
    expect(check.problems.join("\n")).toMatch(problem);
  });

  it("refuses a ZIP without run-app.bat, or with run-app.sh not executable", async () => {
    const missing = await checkZip(await zipOf(REQUIRED.filter(([n]) => n !== "run-app.bat")));
    expect(missing.problems).toEqual(["run-app.bat: missing"]);
    const notExec = await checkZip(await zipOf(REQUIRED.map(([n, c, m]) => [n, c, n === "run-app.sh" ? 0o644 : m])));
    expect(notExec.problems).toEqual(["run-app.sh: mode 644, not 755"]);
  });
});

describe("package.mjs in the real local sandbox", () => {
  let root: string;
  let sandbox: ReturnType<typeof createLocalSandbox>;
  let storage: ReturnType<typeof createLocalStorage>;
  beforeAll(async () => {
    root = await tempRoot();
    await prepareLightStarter(path.join(root, "templates"));
    sandbox = createLocalSandbox({ baseDir: path.join(root, "sandboxes"), templatesDir: path.join(root, "templates") });
    storage = createLocalStorage({ root: path.join(root, "storage"), appUrl: "http://localhost:3000", getSecret: async () => "test-signing-secret-000000000000" });
  }, 60_000);
  afterAll(() => removeRoot(root));

  async function preparedSandbox() {
    const { id } = await sandbox.sessions.create({ labels: { appgenJobId: "zip-test" }, template: "app-starter" });
    const spec = specOf([{ pageId: "home", route: "/", name: "Home" }]);
    await uploadJobInputs(sandbox.sessions, { sandboxId: id, spec, packageJson: modelAgents.packageJson(spec) });
    expect((await sandbox.sessions.exec(id, { command: "node .agent/bin/prepare.mjs", timeoutSeconds: 60 })).exitCode).toBe(0);
    return id;
  }
  const ref = { ownerId: "o", projectId: "p", jobId: "j" };

  it("zips the app without node_modules or build output, run-app.sh executable, and stores it privately with its checksum", async () => {
    const id = await preparedSandbox();
    await sandbox.sessions.upload(id, [{ path: "workspace/.next/cache.txt", content: "x" }, { path: "workspace/app/about/page.tsx", content: "export default 1;\n" }]);
    const zipped = await zipWorkspace(sandbox.sessions, { sandboxId: id, timeoutSeconds: 60 });
    expect(zipped).toMatchObject({ ok: true });
    const stored = await storeZip({ sessions: sandbox.sessions, storage }, { ...ref, sandboxId: id });
    expect(stored).toMatchObject({ ok: true, storageKey: "generated-apps/o/p/j/app.zip", checksum: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const zip = await storage.get("generated-apps/o/p/j/app.zip");
    const names = zip.toString("latin1");
    expect(names).toContain("app/about/page.tsx");
    expect(names).not.toContain("node_modules/");
    expect(names).not.toContain(".next/");
    expect(await checkZip(zip)).toMatchObject({ ok: true });
    await sandbox.sessions.delete(id);
  }, 60_000);

  it("refuses a workspace with a symlink pointing out of the tree", async () => {
    const id = await preparedSandbox();
    const [dir] = await sandbox.sessions.findByLabels({ appgenJobId: "zip-test" });
    await symlink("/etc/passwd", path.join(root, "sandboxes", dir!, "work", "workspace", "passwd"));
    expect(await zipWorkspace(sandbox.sessions, { sandboxId: id, timeoutSeconds: 60 })).toEqual({ ok: false, error: expect.stringMatching(/passwd is a link to outside the app/) });
    await sandbox.sessions.delete(id);
  }, 60_000);

  it("a ZIP over the cap is refused with the sizes, before and at download", async () => {
    const id = await preparedSandbox();
    await sandbox.sessions.upload(id, [{ path: "workspace/public/big.bin", content: randomBytes(3 * 1024 * 1024) }]);
    expect(await zipWorkspace(sandbox.sessions, { sandboxId: id, timeoutSeconds: 60, maxBytes: 1024 * 1024 })).toEqual({ ok: false, error: "The app's ZIP is 3 MB, over the 1 MB limit" });
    expect(await storeZip({ sessions: sandbox.sessions, storage }, { ...ref, jobId: "big", sandboxId: id, maxBytes: 1024 * 1024 })).toEqual({ ok: false, error: "The app's ZIP is over the 1 MB limit" });
    await expect(storage.get("generated-apps/o/p/big/app.zip")).rejects.toThrow();
    await sandbox.sessions.delete(id);
  }, 60_000);
});
