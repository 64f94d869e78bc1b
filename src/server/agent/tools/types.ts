import type { z } from "zod";
import type { Deps } from "@/server/deps";
import type { AgentToolName } from "../catalogue";

/** Who asked and where: every tool scopes its reads and writes by `organizationId`. */
export interface ToolContext {
  deps: Deps;
  organizationId: string;
  projectId: string;
  conversationId: string;
  /** The signed-in member who wrote the message: recorded as the requester, never as an approver. */
  userId: string;
  /** The user message being answered: ids and idempotency keys derive from it (`agent:<messageId>:<callIndex>`). */
  messageId: string;
  /** Position of this call among the message's tool calls, for deterministic keys. */
  callIndex: number;
  now: Date;
  /** The engine's run, for the usage ledger; the message id stands in when absent. */
  runId?: string;
}

/** An event to send after the tool's writes committed; ids are deterministic so a retried step sends once. */
export interface ToolEvent {
  name: string;
  data: Record<string, unknown>;
  id: string;
}

export interface ToolResult {
  /** done: answered; proposed: a proposal waits for the owner; refused: not possible (reason in summary). */
  status: "done" | "proposed" | "refused";
  /** Plain facts for the model's final answer and the offline reply. No secrets, tokens or personal data. */
  summary: string;
  /** Messages (cards) the tool stored in the conversation, announced live by the function. */
  postedMessageIds?: string[];
  /** Events to send after the writes, by the function's step.sendEvent. */
  events?: ToolEvent[];
}

/**
 * One capability of the agent. `input` is validated before `run`: a model's malformed input never
 * reaches a tool. `run` is called inside one Inngest step, so it must be idempotent per
 * (messageId, callIndex): a retried step finds what the first attempt wrote.
 */
export interface AgentTool<I = unknown> {
  name: AgentToolName;
  input: z.ZodType<I>;
  run(ctx: ToolContext, input: I): Promise<ToolResult>;
}
