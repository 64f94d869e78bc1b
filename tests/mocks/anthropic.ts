import { http, HttpResponse } from "msw";

/**
 * A scripted Anthropic Messages API for msw: tests queue the replies the real SDK will receive,
 * in order, and read back the request bodies it sent. An empty queue answers 500 so a test that
 * forgot to script a reply fails loudly instead of hanging.
 */
export type AnthropicReply =
  | { kind: "text"; text: string; thinking?: string; stopReason?: string; usage?: Usage; model?: string }
  | { kind: "json"; value: unknown; thinking?: string; usage?: Usage; model?: string }
  | { kind: "stream"; chunks: string[]; usage?: Usage; model?: string }
  // A turn that asks for tools: tool_use blocks (input exactly as given, malformed or not), stop_reason tool_use.
  | { kind: "tools"; text?: string; calls: { id: string; name: string; input: unknown }[]; usage?: Usage; model?: string }
  | { kind: "error"; status: number; type: string; message?: string; headers?: Record<string, string> }
  | { kind: "raw"; status: number; body: string; contentType?: string };

interface Usage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens?: number;
  cache_read_input_tokens?: number;
}

const DEFAULT_USAGE: Usage = { input_tokens: 120, output_tokens: 40 };

export function buildMessage(opts: { text: string; thinking?: string; stopReason?: string; usage?: Usage; model?: string }) {
  const content: unknown[] = [];
  if (opts.thinking) content.push({ type: "thinking", thinking: opts.thinking, signature: "sig" });
  content.push({ type: "text", text: opts.text, citations: null });
  return {
    id: `msg_${Math.random().toString(36).slice(2, 10)}`,
    type: "message",
    role: "assistant",
    model: opts.model ?? "claude-haiku-5-5",
    content,
    stop_reason: opts.stopReason ?? "end_turn",
    stop_sequence: null,
    usage: { cache_creation_input_tokens: 0, cache_read_input_tokens: 0, ...(opts.usage ?? DEFAULT_USAGE) },
  };
}

/** The SSE wire format the SDK's MessageStream parses. */
export function buildSse(opts: { chunks: string[]; usage?: Usage; model?: string }): string {
  const usage = opts.usage ?? DEFAULT_USAGE;
  const events: [string, unknown][] = [
    [
      "message_start",
      {
        type: "message_start",
        message: { ...buildMessage({ text: "", model: opts.model, usage: { ...usage, output_tokens: 1 } }), content: [], stop_reason: null },
      },
    ],
    ["content_block_start", { type: "content_block_start", index: 0, content_block: { type: "text", text: "" } }],
    ["ping", { type: "ping" }],
    ...opts.chunks.map(
      (text): [string, unknown] => [
        "content_block_delta",
        { type: "content_block_delta", index: 0, delta: { type: "text_delta", text } },
      ],
    ),
    ["content_block_stop", { type: "content_block_stop", index: 0 }],
    [
      "message_delta",
      {
        type: "message_delta",
        delta: { stop_reason: "end_turn", stop_sequence: null },
        usage: { output_tokens: usage.output_tokens },
      },
    ],
    ["message_stop", { type: "message_stop" }],
  ];
  return events.map(([event, data]) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`).join("");
}

function respond(reply: AnthropicReply | undefined) {
  if (!reply) {
    return HttpResponse.json({ type: "error", error: { type: "api_error", message: "no reply queued in the fake" } }, { status: 500 });
  }
  switch (reply.kind) {
    case "text":
      return HttpResponse.json(buildMessage(reply));
    case "json":
      return HttpResponse.json(buildMessage({ ...reply, text: JSON.stringify(reply.value) }));
    case "tools": {
      const message = buildMessage({ text: reply.text ?? "", stopReason: "tool_use", usage: reply.usage, model: reply.model });
      const blocks = reply.calls.map((c) => ({ type: "tool_use", id: c.id, name: c.name, input: c.input }));
      return HttpResponse.json({ ...message, content: [...(reply.text ? message.content : []), ...blocks] });
    }
    case "stream":
      return new HttpResponse(buildSse(reply), { headers: { "content-type": "text/event-stream" } });
    case "error":
      return HttpResponse.json(
        { type: "error", error: { type: reply.type, message: reply.message ?? reply.type }, request_id: "req_fake" },
        { status: reply.status, headers: reply.headers },
      );
    case "raw":
      return new HttpResponse(reply.body, {
        status: reply.status,
        headers: { "content-type": reply.contentType ?? "application/json" },
      });
  }
}

export function createAnthropicFake(opts: { baseUrl?: string } = {}) {
  const baseUrl = (opts.baseUrl ?? "https://api.anthropic.com").replace(/\/$/, "");
  const queue: AnthropicReply[] = [];
  const requests: { body: Record<string, unknown>; headers: Record<string, string> }[] = [];
  const handlers = [
    http.post(`${baseUrl}/v1/messages`, async ({ request }) => {
      const headers = Object.fromEntries(request.headers.entries());
      requests.push({ body: (await request.json()) as Record<string, unknown>, headers });
      return respond(queue.shift());
    }),
  ];
  return {
    baseUrl,
    handlers,
    requests,
    enqueue: (...replies: AnthropicReply[]) => void queue.push(...replies),
    reset: () => {
      queue.length = 0;
      requests.length = 0;
    },
  };
}
