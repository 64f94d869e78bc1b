/**
 * USD per million tokens, keyed by model id (researched 2026-11; see external-services.md §C).
 * Conveniently, $/MTok equals micro-dollars per token, so cost = tokens × price.
 */
interface ModelPrice {
  input: number;
  output: number;
  /** Prompts above this many input tokens are billed at `above` instead. */
  tier?: { threshold: number; above: { input: number; output: number } };
}

export const MODEL_PRICES: Record<string, ModelPrice> = {
  "claude-haiku-5-5": { input: 0.1, output: 0.5, tier: { threshold: 100_000, above: { input: 0.5, output: 2.5 } } },
  "claude-sonnet-5-5": { input: 2, output: 10 },
  "claude-opus-5-5": { input: 4, output: 20 },
  "claude-fable-5-1": { input: 10, output: 50 },
  "claude-fable-5-2": { input: 8, output: 40 },
  "claude-sonnet-5": { input: 2, output: 10 },
  "claude-opus-5": { input: 5, output: 25 },
};

export interface BilledTokens {
  inputTokens: number;
  outputTokens: number;
  cacheCreationInputTokens?: number;
  cacheReadInputTokens?: number;
}

/** Whether a model id has a known price; unknown ids are billed 0 and flagged on the status page. */
export function hasPrice(model: string): boolean {
  return lookupPrice(model) !== undefined;
}

function lookupPrice(model: string): ModelPrice | undefined {
  // Dated snapshots ("claude-sonnet-5-5-20261101") share their family's price.
  return MODEL_PRICES[model] ?? MODEL_PRICES[model.replace(/-\d{8}$/, "")];
}

export function computeCostMicroUsd(model: string, tokens: BilledTokens): number {
  const price = lookupPrice(model);
  if (!price) return 0;
  const cacheWrite = tokens.cacheCreationInputTokens ?? 0;
  const cacheRead = tokens.cacheReadInputTokens ?? 0;
  const promptTokens = tokens.inputTokens + cacheWrite + cacheRead;
  const rate = price.tier && promptTokens > price.tier.threshold ? price.tier.above : price;
  // Cache writes cost 1.25× and cache reads 0.1× of the input rate.
  const input = rate.input * (tokens.inputTokens + cacheWrite * 1.25 + cacheRead * 0.1);
  return Math.round(input + rate.output * tokens.outputTokens);
}
