import { describe, expect, it } from "vitest";
import { z } from "zod";
import { LlmOutputError } from "@/server/services/llm";
import { parseStructuredOutput } from "@/server/services/llm/parse-output";
import { computeCostMicroUsd } from "@/server/services/llm/pricing";

describe("computeCostMicroUsd", () => {
  it("prices per million tokens as micro-dollars per token", () => {
    expect(computeCostMicroUsd("claude-opus-5-5", { inputTokens: 1000, outputTokens: 100 })).toBe(1000 * 4 + 100 * 20);
  });

  it("uses Haiku 5.5's higher tier for prompts above 100k tokens", () => {
    expect(computeCostMicroUsd("claude-haiku-5-5", { inputTokens: 100_000, outputTokens: 0 })).toBe(10_000);
    expect(computeCostMicroUsd("claude-haiku-5-5", { inputTokens: 100_001, outputTokens: 10 })).toBe(Math.round(100_001 * 0.5 + 25));
  });

  it("bills cache writes at 1.25× and reads at 0.1× of input, and dated ids like their family", () => {
    expect(
      computeCostMicroUsd("claude-sonnet-5-5-20261101", { inputTokens: 100, outputTokens: 0, cacheCreationInputTokens: 100, cacheReadInputTokens: 1000 }),
    ).toBe(2 * (100 + 125 + 100));
  });

  it("bills an unknown model at 0 rather than guessing", () => {
    expect(computeCostMicroUsd("gpt-x", { inputTokens: 10, outputTokens: 10 })).toBe(0);
  });
});

describe("parseStructuredOutput", () => {
  const Schema = z.object({ n: z.number() });
  it("returns the validated value", () => {
    expect(parseStructuredOutput('{"n":1}', Schema)).toEqual({ n: 1 });
  });
  it.each([
    ['{"n":', /not valid JSON/],
    ['{"n":"one"}', /n: /],
    ["", /not valid JSON/],
  ])("throws LlmOutputError for %j", (raw, message) => {
    expect(() => parseStructuredOutput(raw, Schema)).toThrow(LlmOutputError);
    expect(() => parseStructuredOutput(raw, Schema)).toThrow(message);
  });
});
