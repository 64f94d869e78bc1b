import { createHash } from "node:crypto";
import { z } from "zod";
import type { Db } from "@/server/db/client";
import {
  OFFLINE_LABEL,
  OFFLINE_MODEL_ID,
  findOfflineGenerator,
  listOfflinePurposes,
  type OfflineGeneratorInput,
} from "./offline-registry";
import { recordUsage } from "./record-usage";
import {
  LlmOutputError,
  type ChatTurn,
  type LlmService,
  type TokenUsage,
  type ToolCall,
  type ToolDefinition,
  type ToolOutcome,
  type UsageContext,
} from "./types";

export class OfflineGeneratorMissingError extends Error {
  constructor(readonly purpose: string) {
    const known = listOfflinePurposes();
    super(
      `The offline demo model has no generator for purpose "${purpose}" ` +
        `(registered: ${known.length ? known.join(", ") : "none"}). ` +
        `Register one with registerOfflineGenerator() or set ANTHROPIC_API_KEY.`,
    );
    this.name = "OfflineGeneratorMissingError";
  }
}

/** mulberry32: tiny, fast and good enough to vary demo output deterministically. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface BuildInput {
  purpose: string;
  system: string;
  messages: ChatTurn[];
  schema?: z.ZodType;
  tools?: ToolDefinition[];
  toolCalls?: ToolCall[];
  toolResults?: ToolOutcome[];
}

function buildInput(req: BuildInput) {
  const digest = createHash("sha256")
    .update(JSON.stringify([req.purpose, req.system, req.messages]))
    .digest();
  const random = seededRandom(digest.readUInt32LE(0));
  const input: OfflineGeneratorInput = {
    ...req,
    random,
    pick: (items) => items[Math.floor(random() * items.length)]!,
    lastUserMessage: [...req.messages].reverse().find((m) => m.role === "user")?.content ?? "",
  };
  return input;
}

// A rough 4-characters-per-token estimate: the ledger shows volume, the cost is always 0.
const estimateTokens = (text: string) => Math.ceil(text.length / 4);

function offlineUsage(prompt: string, output: string): TokenUsage {
  return {
    model: OFFLINE_MODEL_ID,
    inputTokens: estimateTokens(prompt),
    outputTokens: estimateTokens(output),
    costMicroUsd: 0,
  };
}

/** Sets `simulated: true` when the schema's top-level object has such a field, so the UI can say so. */
function markSimulated(value: unknown, schema: z.ZodType): unknown {
  if (schema instanceof z.ZodObject && "simulated" in schema.shape && value && typeof value === "object") {
    return { ...value, simulated: true };
  }
  return value;
}

export function createOfflineLlm(opts: { db: Db }): LlmService {
  function generatorFor(purpose: string) {
    const generator = findOfflineGenerator(purpose);
    if (!generator) throw new OfflineGeneratorMissingError(purpose);
    return generator;
  }

  /** Word by word, keeping the whitespace, so the UI's streaming path is exercised offline too. */
  async function streamLabelled(
    req: BuildInput & {
      usage: UsageContext;
      onDelta?: (d: string) => void | Promise<void>;
    },
  ) {
    const reply = await generatorFor(req.purpose)(buildInput(req));
    if (typeof reply !== "string") {
      throw new LlmOutputError(`Offline generator for "${req.purpose}" must return text`, String(reply));
    }
    const text = `${OFFLINE_LABEL} ${reply}`;
    for (const piece of text.match(/\S+\s*/g) ?? []) await req.onDelta?.(piece);
    const usage = offlineUsage(req.system + JSON.stringify(req.messages) + JSON.stringify(req.toolResults ?? []), text);
    await recordUsage(opts.db, {
      context: req.usage,
      provider: "offline",
      usage,
    });
    return { text, usage };
  }

  return {
    kind: "offline",

    async generateObject(req) {
      const generator = generatorFor(req.purpose);
      const produced = markSimulated(await generator(buildInput(req)), req.schema);
      const raw = JSON.stringify(produced) ?? "";
      const parsed = req.schema.safeParse(produced);
      if (!parsed.success) {
        // A generator bug, not model flakiness: say which purpose so it gets fixed.
        throw new LlmOutputError(`Offline generator for "${req.purpose}" returned schema-invalid output`, raw);
      }
      const usage = offlineUsage(req.system + JSON.stringify(req.messages), raw);
      await recordUsage(opts.db, {
        context: req.usage,
        provider: "offline",
        usage,
      });
      return { object: parsed.data, usage };
    },

    streamText(req) {
      return streamLabelled(req);
    },

    async chooseTools(req) {
      // The generator recognises the owner's intent deterministically: `{ calls }` with the tools' names.
      const produced = (await generatorFor(req.purpose)(buildInput(req))) as {
        text?: unknown;
        calls?: unknown;
      };
      const calls = Array.isArray(produced?.calls) ? (produced.calls as ToolCall[]) : [];
      const text = typeof produced?.text === "string" ? produced.text : "";
      const usage = offlineUsage(req.system + JSON.stringify(req.messages), JSON.stringify(calls));
      await recordUsage(opts.db, {
        context: req.usage,
        provider: "offline",
        usage,
      });
      return { text, calls, usage };
    },

    streamToolAnswer(req) {
      return streamLabelled({
        ...req,
        toolCalls: req.toolTurn.calls,
        toolResults: req.results,
      });
    },
  };
}
