/**
 * A unified diff (what a CODE_CHANGE artifact carries) split into files and typed lines for the
 * diff view. Parsed here rather than with react-diff-view or diff2html: those bring their own CSS
 * (global stylesheets or injected HTML) for what is, in a Mantine page, a list of coloured lines.
 */
export type DiffLineKind = "add" | "del" | "context" | "hunk" | "meta";

export interface DiffLine {
  kind: DiffLineKind;
  text: string;
  // Line numbers in the old and new file (null where the line is not in that side).
  oldNo: number | null;
  newNo: number | null;
}

export interface DiffFile {
  path: string;
  additions: number;
  deletions: number;
  lines: DiffLine[];
}

const HUNK = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/;

export function parseUnifiedDiff(patch: string): DiffFile[] {
  const files: DiffFile[] = [];
  let file: DiffFile | null = null;
  let oldNo = 0;
  let newNo = 0;
  const start = (path: string) => {
    file = { path, additions: 0, deletions: 0, lines: [] };
    files.push(file);
  };
  for (const raw of patch.replace(/\r\n/g, "\n").split("\n")) {
    if (raw.startsWith("diff --git ")) {
      start(/ b\/(.+)$/.exec(raw)?.[1] ?? raw.slice(11));
      continue;
    }
    if (raw.startsWith("--- ") && (!file || (file as DiffFile).lines.some((l) => l.kind !== "meta"))) start(raw.slice(4).replace(/^a\//, ""));
    if (!file) start("(patch)");
    const f = file as unknown as DiffFile;
    if (raw.startsWith("+++ ")) {
      const path = raw.slice(4).replace(/^b\//, "");
      if (path !== "/dev/null") f.path = path;
      f.lines.push({ kind: "meta", text: raw, oldNo: null, newNo: null });
      continue;
    }
    const hunk = HUNK.exec(raw);
    if (hunk) {
      oldNo = Number(hunk[1]);
      newNo = Number(hunk[2]);
      f.lines.push({ kind: "hunk", text: raw, oldNo: null, newNo: null });
    } else if (raw.startsWith("+")) {
      f.additions++;
      f.lines.push({ kind: "add", text: raw.slice(1), oldNo: null, newNo: newNo++ });
    } else if (raw.startsWith("-") && !raw.startsWith("--- ")) {
      f.deletions++;
      f.lines.push({ kind: "del", text: raw.slice(1), oldNo: oldNo++, newNo: null });
    } else if (raw.startsWith(" ")) {
      f.lines.push({ kind: "context", text: raw.slice(1), oldNo: oldNo++, newNo: newNo++ });
    } else if (raw !== "") {
      f.lines.push({ kind: "meta", text: raw, oldNo: null, newNo: null });
    }
  }
  return files;
}
