import type { z } from "zod";

export type ModelRole = "chat" | "planner";

export interface ChatTurn {
  role: "user" | "assistant";
  content: string;
}

/** Who pays for a call: recorded in the usage ledger, deduplicated by `dedupeKey` across retries. */
export interface UsageContext {
  organizationId: string;
  runId: string;
  dedupeKey: string;
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

export interface LlmService {
  readonly kind: "anthropic" | "offline";
  /** Structured output validated by `schema`; throws LlmOutputError when the model's JSON does not fit. */
  generateObject<T>(req: GenerateObjectRequest<T>): Promise<{ object: T; usage: TokenUsage }>;
  streamText(req: StreamTextRequest): Promise<{ text: string; usage: TokenUsage }>;
}

export class LlmOutputError extends Error {
  constructor(message: string, readonly raw: string) {
    super(message);
    this.name = "LlmOutputError";
  }
}
