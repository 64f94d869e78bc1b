import { briefFieldsSchema, BRIEF_FIELD_NAMES, type BriefFields } from "@/server/onboarding/brief-schema";

/** A brief change card as stored in message metadata (kind "brief-update-proposal"), checked before it is shown. */
export interface BriefProposal {
  projectId: string;
  briefVersion: number;
  current: BriefFields;
  proposed: BriefFields;
  changed: (keyof BriefFields)[];
  outcome: "confirmed" | "dismissed" | null;
}

export function parseBriefProposal(metadata: Record<string, unknown> | null | undefined): BriefProposal | null {
  if (!metadata || metadata.kind !== "brief-update-proposal" || typeof metadata.projectId !== "string") return null;
  const current = briefFieldsSchema.safeParse(metadata.current);
  const proposed = briefFieldsSchema.safeParse(metadata.proposed);
  if (!current.success || !proposed.success || typeof metadata.briefVersion !== "number") return null;
  const changed = Array.isArray(metadata.changed)
    ? BRIEF_FIELD_NAMES.filter((name) => (metadata.changed as unknown[]).includes(name))
    : [];
  const outcome = metadata.outcome === "confirmed" || metadata.outcome === "dismissed" ? metadata.outcome : null;
  return { projectId: metadata.projectId, briefVersion: metadata.briefVersion, current: current.data, proposed: proposed.data, changed, outcome };
}
