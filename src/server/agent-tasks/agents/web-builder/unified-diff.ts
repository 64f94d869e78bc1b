import { createTwoFilesPatch, FILE_HEADERS_ONLY } from "diff";

/**
 * One unified diff (git's a/ b/ headers, 3 lines of context) over every file that differs between
 * the two readings, in path order; empty when nothing changed. jsdiff, so `git apply` reads it.
 */
export function unifiedDiff(before: Record<string, Buffer>, after: Record<string, Buffer>): { patch: string; changed: string[] } {
  const paths = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  const changed = paths.filter((p) => !before[p] || !after[p] || !before[p].equals(after[p]));
  const patch = changed
    .map((p) => {
      const from = before[p] ? `a/${p}` : "/dev/null";
      const to = after[p] ? `b/${p}` : "/dev/null";
      return createTwoFilesPatch(from, to, before[p]?.toString("utf8") ?? "", after[p]?.toString("utf8") ?? "", undefined, undefined, { context: 3, headerOptions: FILE_HEADERS_ONLY });
    })
    .join("");
  return { patch, changed };
}
