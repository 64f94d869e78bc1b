import { and, desc, eq } from "drizzle-orm";
import type { Db } from "@/server/db";
import { appDesigns, type DesignPage, type DesignStyle } from "@/server/db/schema/appgen";
import { configuredSecrets } from "@/server/appgen/logs";
import { redact } from "@/server/redact";
import { designBriefOf, loadBusinessFacts, type BusinessFacts } from "./brief";

export type DesignRow = typeof appDesigns.$inferSelect;
type Owner = { organizationId: string; ownerId: string };

/**
 * A PROPOSING design for the owner's project, its brief taken from the project's current brief.
 * Null when the project is not in the viewer's organization; "no-brief" before onboarding confirmed one.
 */
export async function createDesign(db: Db, input: Owner & { projectId: string }): Promise<{ designId: string } | null | "no-brief"> {
  const loaded = await loadBusinessFacts(db, { organizationId: input.organizationId, projectId: input.projectId });
  if (!loaded.ok) return loaded.reason === "no-project" ? null : "no-brief";
  const [row] = await db
    .insert(appDesigns)
    .values({ organizationId: input.organizationId, ownerId: input.ownerId, projectId: input.projectId, brief: designBriefOf(loaded.facts) })
    .returning({ id: appDesigns.id });
  return { designId: row!.id };
}

/** The design's owner's facts for the model, read again at run time (the brief may have a newer version). */
export async function loadDesignInputs(db: Db, ref: { organizationId: string; designId: string }): Promise<{ design: DesignRow; facts: BusinessFacts } | { missing: string }> {
  const [design] = await db.select().from(appDesigns).where(and(eq(appDesigns.id, ref.designId), eq(appDesigns.organizationId, ref.organizationId)));
  if (!design) return { missing: "design not found" };
  if (design.status !== "PROPOSING") return { missing: `design already ${design.status}` };
  const loaded = await loadBusinessFacts(db, { organizationId: design.organizationId, projectId: design.projectId });
  if (!loaded.ok) return { missing: loaded.reason === "no-brief" ? "the project has no brief" : "project not found" };
  return { design, facts: loaded.facts };
}

/** Only a PROPOSING design is finished, so a retried step cannot overwrite a decided one. */
export async function markDesignReady(db: Db, input: { designId: string; facts: BusinessFacts; style: DesignStyle; pages: DesignPage[]; generator: string }) {
  const updated = await db
    .update(appDesigns)
    .set({ status: "READY", brief: designBriefOf(input.facts), style: input.style, pages: input.pages, generator: input.generator, error: null, updatedAt: new Date() })
    .where(and(eq(appDesigns.id, input.designId), eq(appDesigns.status, "PROPOSING")))
    .returning({ id: appDesigns.id });
  return { updated: updated.length === 1 };
}

export async function markDesignFailed(db: Db, input: { designId: string; error: string; generator: string | null }) {
  const updated = await db
    .update(appDesigns)
    .set({ status: "FAILED", error: redact(input.error, configuredSecrets()).slice(0, 2000), generator: input.generator, updatedAt: new Date() })
    .where(and(eq(appDesigns.id, input.designId), eq(appDesigns.status, "PROPOSING")))
    .returning({ id: appDesigns.id });
  return { updated: updated.length === 1 };
}

export interface DesignView {
  id: string;
  projectId: string;
  status: DesignRow["status"];
  brief: DesignRow["brief"];
  style: DesignStyle | null;
  pages: DesignPage[];
  generator: "anthropic" | "offline" | null;
  error: string | null;
  createdAt: string;
}

const toView = (d: DesignRow): DesignView => ({
  id: d.id,
  projectId: d.projectId,
  status: d.status,
  brief: d.brief,
  style: d.style,
  pages: d.pages,
  generator: d.generator === "anthropic" || d.generator === "offline" ? d.generator : null,
  error: d.error,
  createdAt: d.createdAt.toISOString(),
});

/** Owner-only: another user's design, even in the same organization, is not found. */
export async function loadDesignView(db: Db, ref: Owner & { designId: string }): Promise<DesignView | null> {
  const [row] = await db
    .select()
    .from(appDesigns)
    .where(and(eq(appDesigns.id, ref.designId), eq(appDesigns.organizationId, ref.organizationId), eq(appDesigns.ownerId, ref.ownerId)));
  return row ? toView(row) : null;
}

/** The owner's newest design for a project, for /build to resume instead of proposing again. */
export async function loadLatestDesign(db: Db, ref: Owner & { projectId: string }): Promise<DesignView | null> {
  const [row] = await db
    .select()
    .from(appDesigns)
    .where(and(eq(appDesigns.projectId, ref.projectId), eq(appDesigns.organizationId, ref.organizationId), eq(appDesigns.ownerId, ref.ownerId)))
    .orderBy(desc(appDesigns.createdAt))
    .limit(1);
  return row ? toView(row) : null;
}
