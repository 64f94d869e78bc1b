"use client";

import type { ApprovalCard } from "@/server/campaigns/approval-card";
import { OptimizationActionCard } from "@/components/optimization/action-card";
import { parseActionCard } from "@/components/optimization/action-card-data";
import { WeeklyReportCard } from "@/components/reports/report-card";
import { parseReportCard } from "@/components/reports/report-card-data";
import type { BriefFields } from "@/server/onboarding/brief-schema";
import type { ThreadData } from "./load-thread";
import { AgentActionMessage } from "./messages/agent-action-message";
import { AgentReplyMessage, parseAgentTools } from "./messages/agent-reply-message";
import { ApprovalRequestCard } from "./messages/approval-request-card";
import { ApprovalResponseMessage } from "./messages/approval-response-message";
import { BriefConfirmationCard } from "./messages/brief-confirmation-card";
import { BriefProposalCard } from "./messages/brief-proposal-card";
import { parseBriefProposal } from "./messages/brief-proposal-data";
import { FbConnectCard } from "./messages/fb-connect-card";
import { PlanFailedMessage } from "./messages/plan-failed-message";
import { TextMessage } from "./messages/text-message";
import { decisionFor, type PlanDecision } from "./thread-state";

type ThreadMessage = ThreadData["messages"][number];

/** Picks the renderer for one stored message by its type (and, for TEXT, its metadata kind). */
export function MessageItem(props: {
  message: ThreadMessage;
  thread: ThreadData;
  decisions: Map<string, PlanDecision>;
  onChanged: () => void;
}) {
  const { message: m, thread } = props;
  const kind = typeof m.metadata?.kind === "string" ? m.metadata.kind : undefined;
  switch (m.type) {
    case "FB_CONNECT":
      return <FbConnectCard content={m.content} metadata={m.metadata} connection={thread.connection} onChanged={props.onChanged} />;
    case "APPROVAL_REQUEST": {
      if (kind !== "campaign-approval") return <TextMessage role={m.role} content={m.content} />;
      const card = m.metadata as unknown as ApprovalCard;
      return <ApprovalRequestCard card={card} decision={decisionFor(props.decisions, card.campaignId, card.version)} onDecided={props.onChanged} />;
    }
    case "APPROVAL_RESPONSE":
      return <ApprovalResponseMessage content={m.content} metadata={m.metadata} />;
    case "AGENT_ACTION": {
      const card = kind === "optimization-action" ? parseActionCard(m.metadata, { names: thread.objectNames }) : null;
      if (card) return <OptimizationActionCard card={card} status={thread.optimizationStatuses[card.actionId] ?? card.status} />;
      return <AgentActionMessage content={m.content} metadata={m.metadata} />;
    }
    default: {
      const report = kind === "weekly-report" ? parseReportCard(m.metadata) : null;
      if (report) return <WeeklyReportCard card={report} />;
      if (kind === "agent-reply") return <AgentReplyMessage role={m.role} content={m.content} tools={parseAgentTools(m.metadata)} />;
      const proposal = kind === "brief-update-proposal" ? parseBriefProposal(m.metadata) : null;
      if (proposal) return <BriefProposalCard messageId={m.id} conversationId={m.conversationId} proposal={proposal} onChanged={props.onChanged} />;
      if (kind === "plan-generation-failed" && typeof m.metadata?.campaignId === "string") {
        return <PlanFailedMessage content={m.content} campaignId={m.metadata.campaignId} onRetried={props.onChanged} />;
      }
      if (kind === "BRIEF_CONFIRMATION" && m.metadata?.brief) {
        return (
          <BriefConfirmationCard
            projectId={thread.projectId}
            conversationId={m.conversationId}
            brief={m.metadata.brief as BriefFields}
            confirmed={thread.confirmedConversationIds.includes(m.conversationId)}
            current={thread.brief}
            editConversationId={thread.messages.at(-1)?.conversationId}
            onConfirmed={props.onChanged}
          />
        );
      }
      return <TextMessage role={m.role} content={m.content} />;
    }
  }
}
