import { randomBytes } from "node:crypto";
import { mkdir, readdir, readFile, realpath, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { processStartTime } from "./process-tree";
import { SandboxGoneError } from "./types";

/**
 * One local sandbox on disk: `<sandboxesDir>/<id>/` holding `sandbox.json` (labels, template),
 * `work/` (the commands' working directory) and `pids/<pgid>` for each command still running, so
 * any process of the app (a cancellation handler in another request) can find and end them.
 */
export interface LocalSandboxMeta {
  labels: Record<string, string>;
  template: string | null;
  /** Absolute template directory, or null. */
  templateDir: string | null;
  createdAt: string;
  /** After this the sandbox may be swept away (the `maxLifetimeMinutes` backstop), or null. */
  expiresAt: string | null;
}

export interface LocalSandboxDir {
  id: string;
  root: string;
  workDir: string;
  meta: LocalSandboxMeta;
}

const ID_PREFIX = "aigency-sandbox-";
const ID_PATTERN = /^aigency-sandbox-[0-9a-f]{16}$/;
const META_FILE = "sandbox.json";

export function defaultSandboxesDir(): string {
  return path.join(tmpdir(), "aigency-sandboxes");
}

export async function createSandboxDir(sandboxesDir: string, meta: LocalSandboxMeta): Promise<LocalSandboxDir> {
  await mkdir(sandboxesDir, { recursive: true });
  const id = ID_PREFIX + randomBytes(8).toString("hex");
  // Real path: the process scan compares it with /proc/<pid>/cwd, which is always resolved.
  const root = path.join(await realpath(sandboxesDir), id);
  await mkdir(path.join(root, "work"), { recursive: true });
  await mkdir(path.join(root, "pids"));
  // Written last: a directory without it is not (yet) a sandbox.
  await writeFile(path.join(root, META_FILE), JSON.stringify(meta));
  return { id, root, workDir: path.join(root, "work"), meta };
}

/** The sandbox with this id, or null when it does not exist (or the id could never be one). */
export async function findSandboxDir(sandboxesDir: string, id: string): Promise<LocalSandboxDir | null> {
  // The id becomes a path: anything but our own format could walk out of the sandboxes dir.
  if (!ID_PATTERN.test(id)) return null;
  const real = await realpath(sandboxesDir).catch(() => null);
  if (!real) return null;
  const root = path.join(real, id);
  const raw = await readFile(path.join(root, META_FILE), "utf8").catch(() => null);
  if (raw === null) return null;
  return { id, root, workDir: path.join(root, "work"), meta: JSON.parse(raw) as LocalSandboxMeta };
}

export async function requireSandboxDir(sandboxesDir: string, id: string): Promise<LocalSandboxDir> {
  const dir = await findSandboxDir(sandboxesDir, id);
  if (!dir) throw new SandboxGoneError(id);
  return dir;
}

export async function listSandboxIds(sandboxesDir: string): Promise<string[]> {
  const names = await readdir(sandboxesDir).catch(() => [] as string[]);
  return names.filter((name) => ID_PATTERN.test(name));
}

/** Records a running command's process group; throws SandboxGoneError if the sandbox was deleted meanwhile. */
export async function recordGroup(dir: LocalSandboxDir, pgid: number): Promise<void> {
  const startTime = await processStartTime(pgid);
  try {
    await writeFile(path.join(dir.root, "pids", String(pgid)), startTime ?? "");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") throw new SandboxGoneError(dir.id);
    throw err;
  }
}

export async function forgetGroup(dir: LocalSandboxDir, pgid: number): Promise<void> {
  await rm(path.join(dir.root, "pids", String(pgid)), { force: true });
}

export async function recordedGroups(dir: LocalSandboxDir): Promise<{ pgid: number; startTime: string | null }[]> {
  const names = await readdir(path.join(dir.root, "pids")).catch(() => [] as string[]);
  return Promise.all(
    names
      .filter((name) => /^\d+$/.test(name))
      .map(async (name) => {
        const startTime = await readFile(path.join(dir.root, "pids", name), "utf8").catch(() => "");
        return { pgid: Number(name), startTime: startTime || null };
      }),
  );
}
