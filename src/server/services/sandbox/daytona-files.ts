import path from "node:path";
import { DaytonaNotFoundError, type Sandbox } from "@daytonaio/sdk";
import { checkSize } from "./download-limits";
import type { SandboxDownloadLimits, SandboxFile } from "./types";

export async function uploadToDaytona(sandbox: Sandbox, workDir: string, files: SandboxFile[]): Promise<void> {
  if (files.length === 0) return;
  await sandbox.fs.uploadFiles(
    files.map((f) => ({
      source: Buffer.isBuffer(f.content) ? f.content : Buffer.from(f.content, "utf8"),
      destination: path.posix.join(workDir, f.path),
    })),
  );
}

/**
 * Sizes are read first so an oversized file fails the download before its bytes are pulled.
 * `anyMissing` tells the caller to confirm the sandbox itself still exists: a vanished sandbox
 * answers 404 for every file as well.
 */
export async function downloadFromDaytona(
  sandbox: Sandbox,
  workDir: string,
  paths: string[],
  limits: SandboxDownloadLimits,
): Promise<{ files: Record<string, Buffer>; anyMissing: boolean }> {
  const sources = paths.map((relative) => ({
    relative,
    source: path.posix.join(workDir, relative),
  }));
  const infos = await Promise.all(
    sources.map(({ source }) =>
      sandbox.fs.getFileDetails(source).catch((err: unknown) => {
        if (err instanceof DaytonaNotFoundError) return null;
        throw err;
      }),
    ),
  );
  let total = 0;
  const present = sources.filter((s, i) => {
    const info = infos[i];
    if (!info || info.isDir) return false;
    checkSize(s.relative, info.size, total, limits);
    total += info.size;
    return true;
  });
  const files: Record<string, Buffer> = {};
  const results = present.length ? await sandbox.fs.downloadFiles(present.map(({ source }) => ({ source }))) : [];
  total = 0;
  for (const { relative, source } of present) {
    const result = results.find((r) => r.source === source)?.result;
    // Gone between the size check and the download: left out like any missing file.
    if (!Buffer.isBuffer(result)) continue;
    checkSize(relative, result.length, total, limits);
    total += result.length;
    files[relative] = result;
  }
  return { files, anyMissing: infos.some((info) => info === null) };
}
