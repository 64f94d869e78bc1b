import { and, desc, eq } from "drizzle-orm";
import type { Db } from "@/server/db";
import { conversations, facebookConnections, messages, projectBriefs, projects } from "@/server/db/schema";
import { briefFieldsSchema, type BriefFields } from "./brief-schema";
import { insertBriefVersion, type ProjectBrief } from "./briefs";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

export type BriefSaveResult =
  | { ok: true; brief: ProjectBrief; alreadyConfirmed: boolean }
  | { ok: false; status: 404 | 409; message: string };

interface ConfirmInput {
  organizationId: string;
  userId: string;
  projectId: string;
  conversationId: string;
  fields: BriefFields;
  /** From the ad platform in use: the FB_CONNECT card must say when the account is simulated. */
  facebookSimulated: boolean;
}

const sameFields = (brief: ProjectBrief, fields: BriefFields) =>
  JSON.stringify(briefFieldsSchema.parse(brief)) === JSON.stringify(briefFieldsSchema.parse(fields));

/**
 * Confirms the onboarding brief: version n+1 + BRIEF artifact, conversation COMPLETED and, when
 * the user has no usable Facebook connection, an FB_CONNECT card, all in one transaction.
 * Confirming the same brief again answers with the saved one (so the caller can re-send its
 * event under the same id); confirming different fields after completion is refused.
 */
export async function confirmOnboardingBrief(db: Db, input: ConfirmInput): Promise<BriefSaveResult> {
  return db.transaction(async (tx): Promise<BriefSaveResult> => {
    const [conversation] = await tx
      .select()
      .from(conversations)
      .where(
        and(
          eq(conversations.id, input.conversationId),
          eq(conversations.organizationId, input.organizationId),
          eq(conversations.projectId, input.projectId),
          eq(conversations.type, "ONBOARDING"),
        ),
      )
      .for("update");
    if (!conversation) return { ok: false, status: 404, message: "Onboarding conversation not found" };
    if (conversation.status !== "ACTIVE") {
      const [saved] = await tx
        .select()
        .from(projectBriefs)
        .where(eq(projectBriefs.conversationId, conversation.id))
        .orderBy(desc(projectBriefs.version))
        .limit(1);
      if (saved && sameFields(saved, input.fields)) return { ok: true, brief: saved, alreadyConfirmed: true };
      return {
        ok: false,
        status: 409,
        message: "This brief was already confirmed. To change it, edit the brief; that saves a new version.",
      };
    }
    const brief = await insertBriefVersion(tx, { ...input, confirmedBy: input.userId });
    await tx.update(conversations).set({ status: "COMPLETED" }).where(eq(conversations.id, conversation.id));
    await addFacebookCardIfNeeded(tx, { ...input, briefId: brief.id });
    return { ok: true, brief, alreadyConfirmed: false };
  });
}

async function addFacebookCardIfNeeded(tx: Tx, input: ConfirmInput & { briefId: string }) {
  const [connection] = await tx
    .select({ status: facebookConnections.status })
    .from(facebookConnections)
    .where(and(eq(facebookConnections.organizationId, input.organizationId), eq(facebookConnections.userId, input.userId)));
  if (connection?.status === "ACTIVE") return;
  const simulated = input.facebookSimulated;
  await tx.insert(messages).values({
    organizationId: input.organizationId,
    conversationId: input.conversationId,
    role: "ASSISTANT",
    type: "FB_CONNECT",
    content: simulated
      ? "Your brief is saved. Next, connect an ad account. This demo uses a simulated Facebook account: nothing is published to Facebook."
      : "Your brief is saved. Next, connect your Facebook ad account so I can prepare your first campaign.",
    metadata: {
      simulated,
      projectId: input.projectId,
      connectUrl: `/api/auth/facebook?projectId=${encodeURIComponent(input.projectId)}`,
      label: simulated ? "Simulated Facebook account" : "Facebook",
    },
  });
}

/**
 * A later change to the brief, from any conversation of the project: saved as a new version,
 * with a note in that conversation. Requires a confirmed brief to exist (onboarding comes first).
 */
export async function reviseBrief(
  db: Db,
  input: Omit<ConfirmInput, "conversationId" | "facebookSimulated"> & { conversationId?: string },
): Promise<BriefSaveResult> {
  return db.transaction(async (tx): Promise<BriefSaveResult> => {
    const [project] = await tx
      .select({ id: projects.id })
      .from(projects)
      .where(and(eq(projects.id, input.projectId), eq(projects.organizationId, input.organizationId)))
      .for("update");
    if (!project) return { ok: false, status: 404, message: "Project not found" };
    if (input.conversationId) {
      const [conversation] = await tx
        .select({ id: conversations.id })
        .from(conversations)
        .where(and(eq(conversations.id, input.conversationId), eq(conversations.projectId, project.id)));
      if (!conversation) return { ok: false, status: 404, message: "Conversation not found" };
    }
    const [existing] = await tx.select({ id: projectBriefs.id }).from(projectBriefs).where(eq(projectBriefs.projectId, project.id)).limit(1);
    if (!existing) {
      return { ok: false, status: 409, message: "This project has no confirmed brief yet: finish the onboarding chat first." };
    }
    const brief = await insertBriefVersion(tx, { ...input, confirmedBy: input.userId, conversationId: input.conversationId ?? null });
    if (input.conversationId) {
      await tx.insert(messages).values({
        organizationId: input.organizationId,
        conversationId: input.conversationId,
        role: "ASSISTANT",
        content: `Got it. I've updated your brief (version ${brief.version}).`,
        metadata: { kind: "BRIEF_UPDATED", briefId: brief.id, version: brief.version },
      });
    }
    return { ok: true, brief, alreadyConfirmed: false };
  });
}
