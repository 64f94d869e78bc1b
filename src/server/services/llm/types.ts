import type { z } from "zod";
import type { UsageFeature } from "@/server/usage/features";

export type ModelRole = "chat" | "planner";

export interface ChatTurn {
  role: "user" | "assistant";
  content: string;
}

/**
 * Who pays for a call: recorded in the usage ledger, deduplicated by `dedupeKey` across retries and reruns.
 * The key names the entity and step (message, job, campaign week), never the run id, or a rerun would bill twice.
 */
export interface UsageContext {
  organizationId: string;
  /** The project the call served, where there is one (organization-wide work has none). */
  projectId?: string | null;
  runId: string;
  dedupeKey: string;
  /** The product feature the usage page bills the call to. */
  feature: UsageFeature;
}

export interface TokenUsage {
  model: string;
  inputTokens: number;
  outputTokens: number;
  costMicroUsd: number;
}

export interface GenerateObjectRequest<T> {
  /** Names the task; the offline model picks its deterministic generator by it. */
  purpose: string;
  schema: z.ZodType<T>;
  system: string;
  messages: ChatTurn[];
  model?: ModelRole;
  maxTokens?: number;
  usage: UsageContext;
}

export interface StreamTextRequest {
  purpose: string;
  system: string;
  messages: ChatTurn[];
  model?: ModelRole;
  maxTokens?: number;
  usage: UsageContext;
  onDelta?: (delta: string) => void | Promise<void>;
}

/** A tool the model may call: `inputSchema` is the JSON schema of the tool's zod input. */
export interface ToolDefinition {
  name: string;
  description: string;
  inputSchema: Record<string, unknown>;
}

/** One call the model asked for. `input` is unchecked: the caller validates it before running anything. */
export interface ToolCall {
  id: string;
  name: string;
  input: unknown;
}

export interface ChooseToolsRequest {
  purpose: string;
  system: string;
  messages: ChatTurn[];
  tools: ToolDefinition[];
  model?: ModelRole;
  maxTokens?: number;
  usage: UsageContext;
}

/** What a tool call came back with, as the model reads it (plain facts, or an error). */
export interface ToolOutcome {
  callId: string;
  name: string;
  content: string;
  isError: boolean;
}

export interface ToolAnswerRequest extends StreamTextRequest {
  tools: ToolDefinition[];
  /** The model's own turn that asked for the tools (its text and calls), replayed as-is. */
  toolTurn: { text: string; calls: ToolCall[] };
  results: ToolOutcome[];
}

export interface LlmService {
  readonly kind: "anthropic" | "offline";
  /** Structured output validated by `schema`; throws LlmOutputError when the model's JSON does not fit. */
  generateObject<T>(req: GenerateObjectRequest<T>): Promise<{ object: T; usage: TokenUsage }>;
  streamText(req: StreamTextRequest): Promise<{ text: string; usage: TokenUsage }>;
  /** One model turn with tools offered: its text and the tool calls it asked for (possibly none). */
  chooseTools(req: ChooseToolsRequest): Promise<{ text: string; calls: ToolCall[]; usage: TokenUsage }>;
  /** The answer after the tools ran: the results go back to the model, its reply streams. */
  streamToolAnswer(req: ToolAnswerRequest): Promise<{ text: string; usage: TokenUsage }>;
}

export class LlmOutputError extends Error {
  constructor(message: string, readonly raw: string) {
    super(message);
    this.name = "LlmOutputError";
  }
}
