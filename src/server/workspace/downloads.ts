import type { Deps } from "@/server/deps";
import { loadReportPdf } from "@/server/reports/pdf-file";
import { StorageNotFoundError } from "@/server/services/storage";
import { artifactText } from "./artifact-text";
import { findProjectArtifact } from "./artifacts";

export type ArtifactFile = { ok: true; body: Uint8Array; contentType: string; filename: string } | { ok: false; message: string };

const CONTENT_TYPES: Record<string, string> = { png: "image/png", jpg: "image/jpeg", jpeg: "image/jpeg", webp: "image/webp", gif: "image/gif" };
const imageType = (path: string) => CONTENT_TYPES[path.split(".").at(-1)?.toLowerCase() ?? ""] ?? "application/octet-stream";

async function storedFile(deps: Deps, path: string): Promise<Uint8Array | null> {
  try {
    return await deps.services.storage.get(path);
  } catch (error) {
    // A picture that was removed (or never kept) is "not found", not a server error.
    if (error instanceof StorageNotFoundError) return null;
    throw error;
  }
}

/**
 * The file behind an artifact's Download button: ad copy, briefs and plans as readable text, pictures
 * as their stored bytes, reports as the PDF. Anything else, or another organization's id, is not found.
 */
export async function artifactDownload(deps: Deps, scope: { organizationId: string; projectId: string; artifactId: string }): Promise<ArtifactFile> {
  const found = await findProjectArtifact(deps.db, scope);
  if (!found) return { ok: false, message: "Artifact not found" };
  const { view, source } = found;
  if (!view.download) return { ok: false, message: "This artifact has no download" };
  const filename = view.download.filename;
  if (source.type === "ad-image" || (source.type === "stored" && source.row.type === "IMAGE")) {
    const path = source.type === "ad-image" ? source.image.storagePath : source.row.storagePath!;
    const bytes = await storedFile(deps, path);
    return bytes ? { ok: true, body: bytes, contentType: imageType(path), filename } : { ok: false, message: "The picture is no longer stored" };
  }
  if (source.row.type === "REPORT") {
    const pdf = source.reportId ? await loadReportPdf(deps, { organizationId: scope.organizationId, reportId: source.reportId }) : null;
    return pdf ? { ok: true, body: pdf.bytes, contentType: "application/pdf", filename } : { ok: false, message: "Report not found" };
  }
  const text = artifactText(view.title, source.detail);
  if (text === null) return { ok: false, message: "This artifact has no download" };
  return { ok: true, body: new TextEncoder().encode(text), contentType: "text/plain; charset=utf-8", filename };
}

/** `attachment; filename="…"` for a name already made safe by `safeFilename` (ASCII, no quotes). */
export const attachment = (filename: string) => `attachment; filename="${filename}"`;
