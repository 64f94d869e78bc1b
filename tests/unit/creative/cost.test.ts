import { describe, expect, it } from "vitest";
import { versionCostMicros } from "@/server/creative/finish";
import { SANDBOX_MICROS_PER_SECOND } from "@/server/creative/limits";

describe("a version's cost", () => {
  it("is the model's tokens at the pricing table's rate plus sandbox seconds at the documented rate", () => {
    // claude-sonnet-5-5: $2 / $10 per million tokens = 2 / 10 millionths of a dollar a token.
    const micros = versionCostMicros({ model: "claude-sonnet-5-5", inputTokens: 1000, outputTokens: 500, generator: "anthropic", sandboxSeconds: 100 });
    expect(micros).toBe(1000 * 2 + 500 * 10 + 100 * SANDBOX_MICROS_PER_SECOND);
    expect(micros).toBe(8860);
  });

  it("is only sandbox time for the offline generator", () => {
    expect(versionCostMicros({ model: "claude-sonnet-5-5", inputTokens: 0, outputTokens: 0, generator: "offline", sandboxSeconds: 12.5 })).toBe(Math.round(12.5 * 18.6));
  });
});
