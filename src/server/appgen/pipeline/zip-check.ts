import path from "node:path";
import yauzl, { type Entry, type ZipFile } from "yauzl";

/** The files a delivered app must have (plan 004's runtime scripts and docs). */
export const REQUIRED_ENTRIES = ["README.md", ".env.example", "run-app.sh", "run-app.bat", "package.json"] as const;
const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

export interface ZipCheck {
  ok: boolean;
  entryCount: number;
  /** Why the ZIP was refused, naming the entry; empty when ok. */
  problems: string[];
}

const modeOf = (entry: Entry) => (entry.externalFileAttributes >>> 16) & 0xffff;

/** A path is safe when it is relative, has no `..` or backslash, and stays in the tree once normalized. */
function pathProblem(name: string): string | null {
  if (name.startsWith("/") || /^[a-zA-Z]:/.test(name)) return `${name}: an absolute path`;
  if (name.includes("\\")) return `${name}: a backslash in the path`;
  if (name.split("/").includes("..")) return `${name}: a '..' segment`;
  return null;
}

function readEntry(zip: ZipFile, entry: Entry): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => {
      if (err || !stream) return reject(err ?? new Error("no stream"));
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c)).on("end", () => resolve(Buffer.concat(chunks))).on("error", reject);
    });
  });
}

/**
 * Reads every entry's header (yauzl, lazily) before the ZIP is stored: no absolute paths, no `..`, no
 * symlink whose target leaves the tree, and the required files present with run-app.sh executable.
 * yauzl's own name checks refuse some of these first; its error is reported the same way.
 */
export async function checkZip(buffer: Buffer): Promise<ZipCheck> {
  const problems: string[] = [];
  const modes = new Map<string, number>();
  let entryCount = 0;
  try {
    const zip = await new Promise<ZipFile>((resolve, reject) =>
      yauzl.fromBuffer(buffer, { lazyEntries: true, strictFileNames: true }, (err, z) => (err || !z ? reject(err ?? new Error("unreadable ZIP")) : resolve(z))),
    );
    await new Promise<void>((resolve, reject) => {
      zip.on("error", reject);
      zip.on("end", () => resolve());
      zip.on("entry", (entry: Entry) => {
        entryCount += 1;
        const name = entry.fileName;
        const mode = modeOf(entry);
        modes.set(name, mode);
        const problem = pathProblem(name);
        if (problem) problems.push(problem);
        if ((mode & S_IFMT) !== S_IFLNK) return zip.readEntry();
        readEntry(zip, entry).then((target) => {
          const to = target.toString("utf8");
          const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(name), to));
          if (to.startsWith("/") || resolved === ".." || resolved.startsWith("../")) problems.push(`${name}: a symlink out of the tree (${to})`);
          zip.readEntry();
        }, reject);
      });
      zip.readEntry();
    });
  } catch (error) {
    problems.push(`unreadable or unsafe ZIP: ${error instanceof Error ? error.message : String(error)}`);
  }
  for (const required of REQUIRED_ENTRIES) if (!modes.has(required)) problems.push(`${required}: missing`);
  const sh = modes.get("run-app.sh");
  if (sh !== undefined && (sh & 0o777) !== 0o755) problems.push(`run-app.sh: mode ${(sh & 0o777).toString(8)}, not 755`);
  return { ok: problems.length === 0, entryCount, problems };
}
