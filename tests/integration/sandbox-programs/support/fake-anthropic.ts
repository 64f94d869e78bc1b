import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  path: string;
  headers: IncomingHttpHeaders;
  body: { model: string; system: string; messages: { role: string; content: string }[]; max_tokens: number };
}
export type ReplyMode = "good" | "not-json" | "wrong-shape" | "server-error" | "same-trigger";

const USAGE = { research: [321, 45], hooks: [500, 210], "image-prompts": [400, 300] } as const;

// Answers like the Messages API, per task named in the system prompt; the replies are built from the request.
function replyFor(request: RecordedRequest, mode: ReplyMode): { text: string; usage: readonly [number, number] } {
  const task = request.body.system.match(/^Task: ([\w-]+)/)?.[1] as keyof typeof USAGE;
  const user = request.body.messages[0]?.content ?? "";
  if (task === "research") {
    const offer = "Sourdough boxes, 20% off the first one";
    return { text: JSON.stringify({ offer, audience: "Busy families", proofPoints: ["12,000 customers"], tone: "warm" }), usage: USAGE.research };
  }
  if (task === "hooks") {
    const numbers = (user.match(/Write hooks number ([\d, ]+) \(/)?.[1] ?? "").split(",").map(Number);
    const hooks = numbers.map((n) => ({
      angle: `Model angle ${n}`,
      trigger: mode === "same-trigger" ? "pride" : `model trigger ${n}`,
      headline: `Model headline ${n}`,
      primaryText: `Model primary text ${n}.`,
    }));
    return { text: `Here you go:\n\`\`\`json\n${JSON.stringify({ hooks })}\n\`\`\``, usage: USAGE.hooks };
  }
  const pairs = [...user.matchAll(/hook (\d+) at (\d+x\d+)/g)];
  const prompts = pairs.map(([, n, size]) => ({ hookNumber: Number(n), size, prompt: `Model prompt for hook ${n} at ${size}` }));
  return { text: JSON.stringify({ prompts }), usage: USAGE["image-prompts"] };
}

export async function startFakeAnthropic() {
  const requests: RecordedRequest[] = [];
  let mode: ReplyMode = "good";
  const server = createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk) => (raw += chunk));
    req.on("end", () => {
      const request: RecordedRequest = { path: req.url ?? "", headers: req.headers, body: JSON.parse(raw) };
      requests.push(request);
      if (mode === "server-error") return void res.writeHead(529, { "content-type": "application/json" }).end('{"type":"error"}');
      const { text, usage } = replyFor(request, mode);
      const body =
        mode === "not-json" ? "I'm sorry, I can't help with that." : mode === "wrong-shape" ? '{"offer": 42}' : text;
      res.writeHead(200, { "content-type": "application/json" }).end(
        JSON.stringify({
          id: "msg_fake",
          type: "message",
          role: "assistant",
          content: [{ type: "text", text: body }],
          usage: { input_tokens: usage[0], output_tokens: usage[1] },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    setMode: (next: ReplyMode) => void (mode = next),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
