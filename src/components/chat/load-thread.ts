import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/server/db";
import { campaignRecords, conversations, messages, optimizationActions, projectBriefs } from "@/server/db/schema";
import { describeConnection, findConnection } from "@/server/facebook/connections";
import { objectNamesFor } from "@/components/optimization/object-names";
import { briefFieldsOf } from "@/server/onboarding/briefs";
import type { BriefFields } from "@/server/onboarding/brief-schema";
import type { ConnectionView } from "./messages/fb-connect-card";
import type { ChatMessage } from "./types";

/** Everything the project chat renders, read on the server for the page (and each refresh). */
export interface ThreadData {
  projectId: string;
  /** The onboarding conversation while it is still active: the composer writes to it. */
  activeOnboardingId: string | null;
  /** No brief yet: the user may start or continue onboarding. */
  canChat: boolean;
  /** The open campaign conversation: after onboarding the composer writes to the agent there. */
  campaignConversationId: string | null;
  messages: (ChatMessage & { conversationId: string })[];
  /** The project's current brief (its highest version), once onboarding confirmed one. */
  brief: { version: number; fields: BriefFields } | null;
  /** Onboarding conversations whose brief was confirmed (their confirmation card is done). */
  confirmedConversationIds: string[];
  connection: ConnectionView | null;
  /** Stored status of each campaign version, the truth that deployment progress reconciles to. */
  campaigns: Record<string, CampaignState>;
  /** Current ledger status of each optimisation action (its chat card was posted with the first one). */
  optimizationStatuses: Record<string, string>;
  /** Facebook id → what the owner calls it, for before → after lines on action cards. */
  objectNames: Record<string, string>;
}

export interface CampaignState {
  status: string;
  lastError: { step: string; message: string; kind?: string } | null;
}

/**
 * One timeline for the project: the onboarding conversation, then the campaign conversation
 * (plans, approvals, deployment), oldest first. Every query is scoped to the viewer's organization.
 */
export async function loadThread(db: Db, opts: { organizationId: string; userId: string; projectId: string }): Promise<ThreadData> {
  const convs = await db
    .select({ id: conversations.id, type: conversations.type, status: conversations.status })
    .from(conversations)
    .where(and(eq(conversations.organizationId, opts.organizationId), eq(conversations.projectId, opts.projectId)))
    .orderBy(asc(conversations.createdAt));
  const ids = convs.map((c) => c.id);
  const rows = ids.length
    ? await db
        .select()
        .from(messages)
        .where(and(eq(messages.organizationId, opts.organizationId), inArray(messages.conversationId, ids)))
        .orderBy(asc(messages.createdAt), asc(messages.id))
    : [];
  const briefs = await db
    .select()
    .from(projectBriefs)
    .where(and(eq(projectBriefs.organizationId, opts.organizationId), eq(projectBriefs.projectId, opts.projectId)));
  const connection = await findConnection(db, { organizationId: opts.organizationId, userId: opts.userId });
  const campaignRows = await db
    .select({
      id: campaignRecords.id,
      status: campaignRecords.status,
      lastError: campaignRecords.lastError,
      structure: campaignRecords.structure,
      fbCampaignId: campaignRecords.fbCampaignId,
      fbAdSetIds: campaignRecords.fbAdSetIds,
      fbAdIds: campaignRecords.fbAdIds,
    })
    .from(campaignRecords)
    .where(and(eq(campaignRecords.organizationId, opts.organizationId), eq(campaignRecords.projectId, opts.projectId)));
  const actions = await db
    .select({ id: optimizationActions.id, status: optimizationActions.status })
    .from(optimizationActions)
    .where(and(eq(optimizationActions.organizationId, opts.organizationId), eq(optimizationActions.projectId, opts.projectId)));
  const latest = briefs.reduce<(typeof briefs)[number] | null>((top, b) => (!top || b.version > top.version ? b : top), null);
  const active = convs.find((c) => c.type === "ONBOARDING" && c.status === "ACTIVE");
  return {
    projectId: opts.projectId,
    activeOnboardingId: active?.id ?? null,
    canChat: briefs.length === 0,
    campaignConversationId: convs.find((c) => c.type === "CAMPAIGN" && c.status !== "ARCHIVED")?.id ?? null,
    messages: rows.map((m) => ({
      id: m.id,
      conversationId: m.conversationId,
      role: m.role,
      type: m.type,
      content: m.content,
      metadata: m.metadata ?? null,
      createdAt: m.createdAt.toISOString(),
    })),
    brief: latest ? { version: latest.version, fields: briefFieldsOf(latest) } : null,
    confirmedConversationIds: briefs.flatMap((b) => (b.conversationId ? [b.conversationId] : [])),
    connection: connection ? describeConnection(connection) : null,
    campaigns: Object.fromEntries(
      campaignRows.map((c) => [c.id, { status: c.status, lastError: c.lastError ? { step: c.lastError.step, message: c.lastError.message, kind: c.lastError.kind } : null }]),
    ),
    optimizationStatuses: Object.fromEntries(actions.map((a) => [a.id, a.status])),
    objectNames: Object.assign({}, ...campaignRows.map(objectNamesFor)) as Record<string, string>,
  };
}
