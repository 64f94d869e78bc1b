import { and, desc, eq, isNotNull } from "drizzle-orm";
import type { Db } from "@/server/db";
import { artifacts, weeklyReports } from "@/server/db/schema";
import { getProject } from "@/server/projects/projects";
import { adImagesOf, projectCampaigns, type AdImage } from "./ad-images";
import { artifactDetail, previewSummary, type ArtifactDetail } from "./artifact-content";
import { artifactGroupOf, ARTIFACT_GROUPS, type ArtifactGroupKey } from "./artifact-groups";
import { safeFilename } from "./artifact-text";

export type DownloadKind = "text" | "image" | "pdf";

/** One artifact as the panel lists it: ids, words and a download link; no storage keys, no raw content. */
export interface ArtifactListItem {
  id: string;
  type: string;
  title: string;
  createdAt: Date;
  summary: string;
  download: { url: string; filename: string; kind: DownloadKind } | null;
}

export interface ArtifactGroup<T extends ArtifactListItem = ArtifactListItem> {
  key: ArtifactGroupKey;
  label: string;
  items: T[];
}

/** An artifact with everything the preview needs. */
export interface ArtifactView extends ArtifactListItem {
  detail: ArtifactDetail;
}

/** Server-side only: where a download's bytes come from. */
export type ArtifactSource =
  | { type: "stored"; row: typeof artifacts.$inferSelect; detail: ArtifactDetail; reportId: string | null }
  | { type: "ad-image"; image: AdImage };

interface ProjectScope {
  organizationId: string;
  projectId: string;
}

const downloadUrl = (s: ProjectScope, id: string) => `/api/projects/${s.projectId}/artifacts/${id}/download`;

const FILE: Record<string, { kind: DownloadKind; extension: string }> = {
  BRIEF: { kind: "text", extension: "txt" },
  CAMPAIGN: { kind: "text", extension: "txt" },
  AD_COPY: { kind: "text", extension: "txt" },
  IMAGE: { kind: "image", extension: "png" },
  REPORT: { kind: "pdf", extension: "pdf" },
};

function downloadFor(s: ProjectScope, source: ArtifactSource): ArtifactListItem["download"] {
  const type = source.type === "ad-image" ? "IMAGE" : source.row.type;
  const file = FILE[type];
  if (!file) return null;
  if (source.type === "stored" && type === "REPORT" && !source.reportId) return null;
  if (source.type === "stored" && type === "IMAGE" && !source.row.storagePath) return null;
  const id = source.type === "ad-image" ? source.image.id : source.row.id;
  const title = source.type === "ad-image" ? source.image.title : source.row.title;
  return { url: downloadUrl(s, id), filename: safeFilename(title, file.extension), kind: file.kind };
}

/** Every artifact source of the project, newest first: stored rows and the deployed ads' pictures. Null for a foreign project. */
export async function loadArtifactSources(db: Db, s: ProjectScope): Promise<ArtifactSource[] | null> {
  if (!(await getProject(db, s.organizationId, s.projectId))) return null;
  const [rows, campaigns, reports] = await Promise.all([
    db
      .select()
      .from(artifacts)
      .where(and(eq(artifacts.organizationId, s.organizationId), eq(artifacts.projectId, s.projectId)))
      .orderBy(desc(artifacts.createdAt), desc(artifacts.id)),
    projectCampaigns(db, s),
    db
      .select({ id: weeklyReports.id, artifactId: weeklyReports.artifactId })
      .from(weeklyReports)
      .where(and(eq(weeklyReports.organizationId, s.organizationId), eq(weeklyReports.projectId, s.projectId), isNotNull(weeklyReports.artifactId))),
  ]);
  const currencyOf = new Map(campaigns.map((c) => [c.id, c.currency]));
  const reportOf = new Map(reports.map((r) => [r.artifactId, r.id]));
  const stored: ArtifactSource[] = rows.map((row) => ({
    type: "stored",
    row,
    detail: artifactDetail(row.type, row.content, { currency: currencyOf.get(String(row.content.campaignId)) }),
    reportId: reportOf.get(row.id) ?? null,
  }));
  const images: ArtifactSource[] = adImagesOf(campaigns).map((image) => ({ type: "ad-image", image }));
  const sources = [...stored, ...images].sort((a, b) => createdAtOf(b).getTime() - createdAtOf(a).getTime());
  return sources;
}

const createdAtOf = (s: ArtifactSource) => (s.type === "ad-image" ? s.image.createdAt : s.row.createdAt);

export function toArtifactView(s: ProjectScope, source: ArtifactSource): ArtifactView {
  const detail: ArtifactDetail =
    source.type === "ad-image" ? { kind: "image", imageUrl: downloadUrl(s, source.image.id), caption: source.image.caption } : source.detail;
  return {
    id: source.type === "ad-image" ? source.image.id : source.row.id,
    type: source.type === "ad-image" ? "IMAGE" : source.row.type,
    title: source.type === "ad-image" ? source.image.title : source.row.title,
    createdAt: createdAtOf(source),
    summary: previewSummary(detail),
    download: downloadFor(s, source),
    detail,
  };
}

/** The project's artifacts in the panel's groups (fixed order, empty ones left out), newest first within each. */
export function groupArtifacts<T extends ArtifactListItem>(items: T[]): ArtifactGroup<T>[] {
  return ARTIFACT_GROUPS.map((g) => ({ key: g.key, label: g.label, items: items.filter((i) => artifactGroupOf(i.type) === g.key) })).filter((g) => g.items.length > 0);
}

/** The Artifacts tab: the project's artifacts grouped, newest first. Null for a missing or foreign project. */
export async function listProjectArtifacts(db: Db, s: ProjectScope): Promise<ArtifactGroup[] | null> {
  const sources = await loadArtifactSources(db, s);
  if (!sources) return null;
  return groupArtifacts(sources.map((source) => {
    const { detail: _detail, ...item } = toArtifactView(s, source);
    return item;
  }));
}

/** One artifact of the project (stored or an ad picture) with its source; null when it is not this organization's. */
export async function findProjectArtifact(db: Db, s: ProjectScope & { artifactId: string }): Promise<{ view: ArtifactView; source: ArtifactSource } | null> {
  const sources = await loadArtifactSources(db, s);
  const source = sources?.find((x) => (x.type === "ad-image" ? x.image.id : x.row.id) === s.artifactId);
  return source ? { view: toArtifactView(s, source), source } : null;
}

/** The panel as the project page renders it: every artifact with its preview, grouped. Null for a foreign project. */
export async function loadArtifactViews(db: Db, s: ProjectScope): Promise<ArtifactGroup<ArtifactView>[] | null> {
  const sources = await loadArtifactSources(db, s);
  return sources ? groupArtifacts(sources.map((source) => toArtifactView(s, source))) : null;
}
