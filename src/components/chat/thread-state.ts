import type { ChatMessage } from "./types";

/**
 * What the thread derives from the message list alone, so a reload shows the same state: which
 * plans were already decided (their card drops its buttons) and where deployment progress goes.
 */
export type PlanDecision = "approved" | "changes-requested";

interface ResponseMeta {
  kind?: unknown;
  decision?: unknown;
  campaignId?: unknown;
  version?: unknown;
}

const planKey = (campaignId: unknown, version: unknown) => `${String(campaignId)}#${String(version)}`;

function responseMeta(m: ChatMessage): ResponseMeta | null {
  if (m.type !== "APPROVAL_RESPONSE" || !m.metadata) return null;
  return m.metadata as ResponseMeta;
}

/** campaignId#version → the decision recorded for it (resume counts as approved). */
export function collectDecisions(messages: ChatMessage[]): Map<string, PlanDecision> {
  const decisions = new Map<string, PlanDecision>();
  for (const m of messages) {
    const meta = responseMeta(m);
    if (!meta) continue;
    const decision = meta.decision === "changes-requested" ? "changes-requested" : "approved";
    decisions.set(planKey(meta.campaignId, meta.version), decision);
  }
  return decisions;
}

export function decisionFor(decisions: Map<string, PlanDecision>, campaignId: string, version: number): PlanDecision | null {
  return decisions.get(planKey(campaignId, version)) ?? null;
}

/**
 * The message after which each campaign's live deployment progress is shown: its latest approval
 * or resume. Earlier attempts keep their plain text, so a resumed deployment shows one tracker.
 */
export function deploymentAnchors(messages: ChatMessage[]): Map<string, string> {
  const anchors = new Map<string, string>();
  for (const m of messages) {
    const meta = responseMeta(m);
    if (!meta || typeof meta.campaignId !== "string") continue;
    if (meta.decision === "approved" || meta.decision === "resume") anchors.set(meta.campaignId, m.id);
  }
  return new Map([...anchors].map(([campaignId, messageId]) => [messageId, campaignId]));
}
