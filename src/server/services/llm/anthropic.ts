import Anthropic from "@anthropic-ai/sdk";
import { zodOutputFormat } from "@anthropic-ai/sdk/helpers/zod";
import { z } from "zod";
import type { Db } from "@/server/db/client";
import { parseStructuredOutput } from "./parse-output";
import { computeCostMicroUsd } from "./pricing";
import { recordUsage } from "./record-usage";
import type {
  ChatTurn,
  LlmService,
  ModelRole,
  StreamTextRequest,
  TokenUsage,
  ToolAnswerRequest,
  ToolDefinition,
  UsageContext,
} from "./types";

export interface AnthropicLlmOptions {
  db: Db;
  apiKey: string;
  baseURL?: string;
  models: Record<ModelRole, string>;
  /** SDK retries on 408/409/429/5xx; tests pass 0 so error paths surface at once. */
  maxRetries?: number;
  /** Request timeout in ms; also lets the SDK accept large max_tokens without streaming. */
  timeoutMs?: number;
}

const DEFAULT_MAX_TOKENS = 4096;

type OutputFormat = { type: "json_schema"; schema: Record<string, unknown> };

/** The SDK's helper adapts the JSON schema to what the API accepts; schemas with transforms need the input side. */
function toOutputFormat(schema: z.ZodType): OutputFormat {
  try {
    const { type, schema: json } = zodOutputFormat(schema);
    return { type, schema: json };
  } catch {
    return {
      type: "json_schema",
      schema: z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }),
    };
  }
}

function toMessages(turns: ChatTurn[]): Anthropic.MessageParam[] {
  return turns.map((t) => ({ role: t.role, content: t.content }));
}

function toTokenUsage(model: string, usage: Anthropic.Usage | Anthropic.MessageDeltaUsage): TokenUsage {
  const tokens = {
    inputTokens: usage.input_tokens ?? 0,
    outputTokens: usage.output_tokens,
    cacheCreationInputTokens: usage.cache_creation_input_tokens ?? 0,
    cacheReadInputTokens: usage.cache_read_input_tokens ?? 0,
  };
  return {
    model,
    inputTokens: tokens.inputTokens + tokens.cacheCreationInputTokens + tokens.cacheReadInputTokens,
    outputTokens: tokens.outputTokens,
    costMicroUsd: computeCostMicroUsd(model, tokens),
  };
}

/** Text blocks only: with adaptive thinking a `thinking` block may come first. */
function collectText(content: Anthropic.ContentBlock[]): string {
  return content
    .filter((b): b is Anthropic.TextBlock => b.type === "text")
    .map((b) => b.text)
    .join("");
}

function toTools(tools: ToolDefinition[]): Anthropic.Tool[] {
  return tools.map((t) => ({
    name: t.name,
    description: t.description,
    input_schema: {
      ...t.inputSchema,
      type: "object",
    } as Anthropic.Tool.InputSchema,
  }));
}

/** The conversation, then the model's tool turn replayed, then one user turn carrying every result. */
function toolAnswerMessages(req: ToolAnswerRequest): Anthropic.MessageParam[] {
  const asked: Anthropic.ContentBlockParam[] = [
    ...(req.toolTurn.text ? [{ type: "text" as const, text: req.toolTurn.text }] : []),
    ...req.toolTurn.calls.map((c) => ({
      type: "tool_use" as const,
      id: c.id,
      name: c.name,
      // The API only takes an object here; a malformed input is replayed empty (its error says why).
      input: c.input && typeof c.input === "object" && !Array.isArray(c.input) ? c.input : {},
    })),
  ];
  const results: Anthropic.ToolResultBlockParam[] = req.results.map((r) => ({
    type: "tool_result",
    tool_use_id: r.callId,
    content: r.content,
    is_error: r.isError,
  }));
  return [...toMessages(req.messages), { role: "assistant", content: asked }, { role: "user", content: results }];
}

export function createAnthropicLlm(opts: AnthropicLlmOptions): LlmService {
  const client = new Anthropic({
    apiKey: opts.apiKey,
    baseURL: opts.baseURL,
    maxRetries: opts.maxRetries ?? 2,
    timeout: opts.timeoutMs ?? 120_000,
  });
  const modelFor = (role: ModelRole = "chat") => opts.models[role];

  async function bill(context: UsageContext, usage: TokenUsage) {
    await recordUsage(opts.db, { context, provider: "anthropic", usage });
  }

  return {
    kind: "anthropic",

    async generateObject(req) {
      const model = modelFor(req.model);
      const message = await client.messages.create({
        model,
        max_tokens: req.maxTokens ?? DEFAULT_MAX_TOKENS,
        system: req.system,
        messages: toMessages(req.messages),
        output_config: { format: toOutputFormat(req.schema) },
      });
      const usage = toTokenUsage(message.model || model, message.usage);
      // Tokens were spent even when the output turns out unusable, so bill before validating.
      await bill(req.usage, usage);
      const raw = collectText(message.content);
      const object = parseStructuredOutput(raw, req.schema, {
        truncated: message.stop_reason === "max_tokens",
      });
      return { object, usage };
    },

    async chooseTools(req) {
      const model = modelFor(req.model);
      const message = await client.messages.create({
        model,
        max_tokens: req.maxTokens ?? DEFAULT_MAX_TOKENS,
        system: req.system,
        messages: toMessages(req.messages),
        tools: toTools(req.tools),
      });
      const usage = toTokenUsage(message.model || model, message.usage);
      await bill(req.usage, usage);
      const calls = message.content
        .filter((b): b is Anthropic.ToolUseBlock => b.type === "tool_use")
        .map((b) => ({ id: b.id, name: b.name, input: b.input as unknown }));
      return { text: collectText(message.content), calls, usage };
    },

    streamToolAnswer(req) {
      const messages = req.toolTurn.calls.length ? toolAnswerMessages(req) : toMessages(req.messages);
      return streamMessages(req, messages, req.toolTurn.calls.length ? toTools(req.tools) : undefined);
    },

    streamText(req) {
      return streamMessages(req, toMessages(req.messages));
    },
  };

  async function streamMessages(req: StreamTextRequest, messages: Anthropic.MessageParam[], tools?: Anthropic.Tool[]) {
    const model = modelFor(req.model);
    const stream = client.messages.stream({
      model,
      max_tokens: req.maxTokens ?? DEFAULT_MAX_TOKENS,
      system: req.system,
      messages,
      // The API wants the tools defined whenever the history holds tool_use blocks.
      ...(tools ? { tools } : {}),
    });
    // Iterating (rather than .on("text")) lets an async onDelta apply back-pressure.
    for await (const event of stream) {
      if (event.type === "content_block_delta" && event.delta.type === "text_delta") {
        await req.onDelta?.(event.delta.text);
      }
    }
    const final = await stream.finalMessage();
    const usage = toTokenUsage(final.model || model, final.usage);
    await bill(req.usage, usage);
    return { text: collectText(final.content), usage };
  }
}
