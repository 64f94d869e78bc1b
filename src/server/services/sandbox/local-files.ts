import { lstat, mkdir, readFile, realpath, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { resolveInside } from "./paths";
import { checkSize } from "./download-limits";
import type { SandboxDownloadLimits, SandboxFile } from "./types";

const isInside = (dir: string, target: string) => target.startsWith(dir + path.sep);

/** Writes files into the work dir, never through a symlink a command left there. */
export async function writeSandboxFiles(workDir: string, files: SandboxFile[]): Promise<void> {
  const realWorkDir = await realpath(workDir);
  for (const file of files) {
    const target = resolveInside(workDir, file.path);
    // Checked before mkdir, which would otherwise create directories wherever a symlink points.
    await checkNearestDir(realWorkDir, path.dirname(target), file.path);
    await mkdir(path.dirname(target), { recursive: true });
    await checkNearestDir(realWorkDir, path.dirname(target), file.path);
    // writeFile follows a symlink at the target itself; replace it instead.
    if ((await lstat(target).catch(() => null))?.isSymbolicLink()) await rm(target);
    await writeFile(target, file.content);
  }
}

async function checkNearestDir(realWorkDir: string, dir: string, relative: string) {
  let existing = dir;
  while (!(await lstat(existing).catch(() => null))) existing = path.dirname(existing);
  const real = await realpath(existing);
  if (real !== realWorkDir && !isInside(realWorkDir, real)) {
    throw new Error(`Sandbox file path ${JSON.stringify(relative)} leads outside the sandbox`);
  }
}

export interface ReadSandboxFilesOptions {
  limits: SandboxDownloadLimits;
  /** A symlink resolving outside the work dir: refused with an error, or left out like a missing file. */
  outside: "refuse" | "skip";
}

/** Reads files back from the work dir; missing ones (and directories) are left out. */
export async function readSandboxFiles(
  workDir: string,
  paths: string[],
  opts: ReadSandboxFilesOptions,
): Promise<Record<string, Buffer>> {
  const files: Record<string, Buffer> = {};
  const realWorkDir = await realpath(workDir);
  let total = 0;
  for (const relative of paths) {
    const real = await realpath(resolveInside(workDir, relative)).catch(ignoreMissing);
    if (real === null) continue;
    if (!isInside(realWorkDir, real)) {
      if (opts.outside === "skip") continue;
      throw new Error(`Sandbox file ${relative} is a link to outside the sandbox; refused`);
    }
    const info = await stat(real);
    if (!info.isFile()) continue;
    checkSize(relative, info.size, total, opts.limits);
    const content = await readFile(real);
    // Checked again: a command still running may have grown it since the stat.
    checkSize(relative, content.length, total, opts.limits);
    total += content.length;
    files[relative] = content;
  }
  return files;
}

function ignoreMissing(err: NodeJS.ErrnoException): null {
  if (err.code === "ENOENT" || err.code === "ENOTDIR") return null;
  throw err;
}
