import type { ArtifactDetail } from "./artifact-content";

const numbered = (heading: string, items: string[]) => (items.length ? [heading, ...items.map((t, i) => `${i + 1}. ${t}`), ""] : []);

/**
 * The artifact as a plain-text file an owner can paste anywhere (a doc, an email, Ads Manager):
 * a title, then the content in reading order. Null for what only makes sense as a file of its own.
 */
export function artifactText(title: string, detail: ArtifactDetail): string | null {
  const lines = [title, "=".repeat(Math.min(title.length, 72)), ""];
  switch (detail.kind) {
    case "brief":
      lines.push(...detail.fields.map((f) => `${f.label}: ${f.value}`));
      break;
    case "campaign":
      lines.push(`Campaign: ${detail.name}`, `Goal: ${detail.objective}`, `Daily budget: ${detail.dailyBudget}`, "", detail.summary, "");
      for (const set of detail.adSets) {
        lines.push(`Audience "${set.name}": ${set.audience}`);
        for (const ad of set.ads) lines.push(`  - ${ad.headline}: ${ad.primaryText} [${ad.button}]`);
        lines.push("");
      }
      break;
    case "ad-copy":
      if (detail.copy.angle) lines.push(`Angle: ${detail.copy.angle}`, "");
      lines.push(...numbered("Headlines", detail.copy.headlines), ...numbered("Primary texts", detail.copy.primaryTexts), ...numbered("Descriptions", detail.copy.descriptions ?? []));
      break;
    case "text":
      lines.push(detail.text);
      break;
    case "image":
    case "report":
      return null;
  }
  return `${lines.join("\n").trimEnd()}\n`;
}

/**
 * A file name safe in a Content-Disposition header and on every file system: letters, digits, dot,
 * dash and underscore only, never empty, never starting with a dot, at most 80 characters.
 */
export function safeFilename(base: string, extension: string): string {
  const stem = base
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^\w.-]+/g, "-")
    .replace(/-+/g, "-")
    .replace(/^[-.]+|[-.]+$/g, "")
    .slice(0, 80)
    .toLowerCase();
  return `${stem || "artifact"}.${extension}`;
}
