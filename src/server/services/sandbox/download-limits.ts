import { type SandboxDownloadLimits, SandboxLimitError } from "./types";

/** Throws when one more file of `size` bytes breaks the per-file or the total download cap. */
export function checkSize(file: string, size: number, totalSoFar: number, limits: SandboxDownloadLimits): void {
  if (size > limits.maxFileBytes) {
    throw new SandboxLimitError(`${file} is ${size} bytes, over the ${limits.maxFileBytes}-byte limit per file`);
  }
  if (totalSoFar + size > limits.maxTotalBytes) {
    throw new SandboxLimitError(
      `${file} takes the download to ${totalSoFar + size} bytes, over the ${limits.maxTotalBytes}-byte limit in total`,
    );
  }
}
