import { and, desc, eq, inArray } from "drizzle-orm";
import yauzl, { type Entry, type ZipFile } from "yauzl";
import { appGenerationArtifacts, appGenerationJobs } from "@/server/db/schema/appgen";
import type { SandboxFile } from "@/server/services/sandbox/types";
import type { AgentDeps } from "../types";

const SKIPPED = /(^|\/)(node_modules|\.next|\.git)\//;
const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
// A generated app is a few hundred KB of source; far more means something other than source.
const MAX_SOURCE_BYTES = 20 * 1024 * 1024;

/** The project's newest finished generated app with its stored ZIP, or null (then there is nothing to edit). */
export async function findGeneratedApp(deps: AgentDeps, scope: { organizationId: string; projectId: string }) {
  const [row] = await deps.db
    .select({ appJobId: appGenerationJobs.id, storageKey: appGenerationArtifacts.storageKey })
    .from(appGenerationJobs)
    .innerJoin(appGenerationArtifacts, eq(appGenerationArtifacts.jobId, appGenerationJobs.id))
    .where(
      and(
        eq(appGenerationJobs.organizationId, scope.organizationId),
        eq(appGenerationJobs.projectId, scope.projectId),
        inArray(appGenerationJobs.status, ["completed", "completed_with_warnings"]),
      ),
    )
    .orderBy(desc(appGenerationJobs.createdAt))
    .limit(1);
  return row ?? null;
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
 * The app's source files from its ZIP: regular files only (no directories, no symlinks), without
 * node_modules or build output. yauzl's strict names refuse absolute and `..` paths before we see them.
 */
export async function unzipSource(buffer: Buffer): Promise<SandboxFile[]> {
  const zip = await new Promise<ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(buffer, { lazyEntries: true, strictFileNames: true }, (err, z) => (err || !z ? reject(err ?? new Error("unreadable ZIP")) : resolve(z))),
  );
  const files: SandboxFile[] = [];
  let total = 0;
  await new Promise<void>((resolve, reject) => {
    zip.on("error", reject);
    zip.on("end", () => resolve());
    zip.on("entry", (entry: Entry) => {
      const mode = (entry.externalFileAttributes >>> 16) & S_IFMT;
      const regular = mode === 0 ? !entry.fileName.endsWith("/") : mode === S_IFREG;
      if (!regular || SKIPPED.test(entry.fileName)) return zip.readEntry();
      total += entry.uncompressedSize;
      if (total > MAX_SOURCE_BYTES) return reject(new Error(`The app's source is over ${MAX_SOURCE_BYTES / 1024 / 1024} MB without node_modules`));
      readEntry(zip, entry).then((content) => {
        files.push({ path: entry.fileName, content });
        zip.readEntry();
      }, reject);
    });
    zip.readEntry();
  });
  return files;
}
