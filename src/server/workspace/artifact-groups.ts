/**
 * The Artifacts tab's groups, in the order an owner meets them. Each stored artifact type maps to one
 * group; "Creatives" has no artifact type yet (the schema's enum has none), so it stays empty and
 * hidden until one is added here.
 */
export const ARTIFACT_GROUPS = [
  { key: "brief", label: "Brief", types: ["BRIEF"] },
  { key: "campaigns", label: "Campaigns", types: ["CAMPAIGN"] },
  { key: "ad-copy", label: "Ad copy", types: ["AD_COPY"] },
  { key: "images", label: "Images", types: ["IMAGE"] },
  { key: "reports", label: "Reports", types: ["REPORT"] },
  { key: "actions", label: "Actions", types: ["ACTION"] },
  { key: "creatives", label: "Creatives", types: [] },
  { key: "apps", label: "Apps", types: ["APP"] },
] as const satisfies readonly { key: string; label: string; types: readonly string[] }[];

export type ArtifactGroupKey = (typeof ARTIFACT_GROUPS)[number]["key"];

export function artifactGroupOf(type: string): ArtifactGroupKey | null {
  return ARTIFACT_GROUPS.find((g) => (g.types as readonly string[]).includes(type))?.key ?? null;
}
