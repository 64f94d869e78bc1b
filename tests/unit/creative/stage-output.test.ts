import { describe, expect, it } from "vitest";
import { describeArtifact } from "@/server/creative/collect";
import { OVER_BUDGET_ERROR, STAGE_TIMEOUT_SECONDS, stageTimeout, stagesNeeded } from "@/server/creative/limits";
import { parseStageOutput, redactedTail } from "@/server/creative/stage-output";

const result = (o: Record<string, unknown>) => `fetching...\nAIGENCY_RESULT ${JSON.stringify(o)}\n`;

describe("stage output", () => {
  it("takes the result from the last line", () => {
    const parsed = parseStageOutput("hooks", result({ stage: "hooks", files: ["out/hooks.json", "out/hooks.md"], inputTokens: 12, outputTokens: 30, generator: "offline" }));
    expect(parsed).toEqual({ ok: true, result: { stage: "hooks", files: ["out/hooks.json", "out/hooks.md"], inputTokens: 12, outputTokens: 30, generator: "offline" } });
  });

  it("reads the agent's own error sentence", () => {
    expect(parseStageOutput("research", "trying\nAIGENCY_ERROR The brand site answered 404.\n")).toEqual({ ok: false, error: "The brand site answered 404." });
  });

  it("refuses a missing result, bad JSON, the wrong stage, and files outside out/", () => {
    expect(parseStageOutput("hooks", "done\n")).toMatchObject({ ok: false, error: /without reporting a result/ });
    expect(parseStageOutput("hooks", "AIGENCY_RESULT {nope")).toMatchObject({ ok: false, error: /not valid JSON/ });
    expect(parseStageOutput("hooks", result({ stage: "images", files: [], generator: "offline" }))).toMatchObject({ ok: false, error: /reported itself as "images"/ });
    expect(parseStageOutput("hooks", result({ stage: "hooks", files: ["out/../../etc/passwd"], generator: "offline" }))).toMatchObject({ ok: false, error: /outside out/ });
    expect(parseStageOutput("hooks", result({ stage: "hooks", files: ["/etc/passwd"], generator: "offline" }))).toMatchObject({ ok: false, error: /outside out/ });
  });

  it("blanks the key (and anything shaped like one) before keeping the tail", () => {
    const key = "sk-ant-api03-secretsecret";
    const tail = redactedTail(`${"x".repeat(3000)} key=${key} other=sk-ant-zzz-111\n`, [key]);
    expect(tail).not.toContain("secretsecret");
    expect(tail).not.toContain("zzz-111");
    expect(tail).toContain("[redacted]");
    expect(tail.length).toBeLessThanOrEqual(2000);
  });
});

describe("stage limits", () => {
  const start = Date.UTC(2026, 11, 2, 7, 0, 0);
  it("gives a stage its own cap while the budget allows", () => {
    expect(stageTimeout("research", start, start + 1000)).toEqual({ ok: true, seconds: STAGE_TIMEOUT_SECONDS.research, limitedByBudget: false });
  });
  it("shortens a stage to the time left, and fails a version that has none", () => {
    expect(stageTimeout("images", start, start + 9 * 60_000)).toEqual({ ok: true, seconds: 60, limitedByBudget: true });
    expect(stageTimeout("images", start, start + 10 * 60_000 - 2000)).toEqual({ ok: false, error: OVER_BUDGET_ERROR });
  });
  it("runs only the stages the plan needs", () => {
    expect([...stagesNeeded({ research: false, hooks: "none", images: "all", reason: "" })]).toEqual(["image-prompts", "images"]);
    expect([...stagesNeeded({ research: false, hooks: [2], images: [2], reason: "" })]).toEqual(["hooks", "image-prompts", "images"]);
    expect([...stagesNeeded({ research: true, hooks: "all", images: "all", reason: "" })]).toEqual(["research", "hooks", "image-prompts", "images"]);
  });
});

describe("artifact names", () => {
  it("knows each output by its name, and nothing else", () => {
    expect(describeArtifact("images/hook-3-1080x1080.png")).toEqual({ kind: "IMAGE", contentType: "image/png", hookNumber: 3, width: 1080, height: 1080 });
    expect(describeArtifact("research.md")?.kind).toBe("RESEARCH");
    expect(describeArtifact("image-prompts.json")?.kind).toBe("IMAGE_PROMPTS");
    expect(describeArtifact("hooks.json")?.kind).toBe("HOOKS");
    expect(describeArtifact("../secret.txt")).toBeNull();
    expect(describeArtifact("images/evil.svg")).toBeNull();
  });
});
