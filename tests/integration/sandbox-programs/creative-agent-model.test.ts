import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  baseInput,
  filesUnder,
  type Hook,
  makeWorkDir,
  readOut,
  readOutJson,
  runStage,
  type StageRun,
  writeInput,
} from "./support/agent-harness";
import type { BrandSite } from "./support/brand-site";
import { type AgentWorld, startAgentWorld } from "./support/agent-world";
import { startFakeAnthropic } from "./support/fake-anthropic";

// The agent with a key: it calls Anthropic (a local fake here) from inside the sandbox process.
const KEY = "sk-ant-test-DO-NOT-LEAK-4f9a";
let root: string;
let templateDir: string;
let site: BrandSite;
let world: AgentWorld;
let anthropic: Awaited<ReturnType<typeof startFakeAnthropic>>;
let env: Record<string, string>;

beforeAll(async () => {
  world = await startAgentWorld();
  ({ root, templateDir, site } = world);
  anthropic = await startFakeAnthropic();
  env = { ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: anthropic.baseUrl, ANTHROPIC_MODEL: "claude-test-model" };
});
afterAll(async () => {
  await anthropic.close();
  await world.stop();
});

describe("with ANTHROPIC_API_KEY", () => {
  it("sends the page to the model with the key header, counts tokens and keeps the key out of every output", async () => {
    anthropic.setMode("good");
    anthropic.requests.length = 0;
    const dir = await makeWorkDir(root, "model", baseInput(site.url(), { hookCount: 3 }));
    const runs: StageRun[] = [];
    for (const stage of ["research", "hooks", "image-prompts", "images"] as const) runs.push(await runStage(dir, stage, { templateDir, env }));
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0, 0]);

    const [research, hooks, prompts, images] = runs;
    expect(research?.result).toMatchObject({ generator: "anthropic", inputTokens: 321, outputTokens: 45 });
    expect(hooks?.result).toMatchObject({ generator: "anthropic", inputTokens: 500, outputTokens: 210 });
    expect(prompts?.result).toMatchObject({ generator: "anthropic", inputTokens: 400, outputTokens: 300 });
    // Images are drawn locally: no model call, no tokens.
    expect(images?.result).toMatchObject({ generator: "offline", inputTokens: 0, outputTokens: 0 });

    expect(anthropic.requests).toHaveLength(3);
    for (const request of anthropic.requests) {
      expect(request.path).toBe("/v1/messages");
      expect(request.headers["x-api-key"]).toBe(KEY);
      expect(request.headers["anthropic-version"]).toBe("2023-06-01");
      expect(request.body.model).toBe("claude-test-model");
    }
    expect(anthropic.requests[0]?.body.messages[0]?.content).toContain("Baking since 1998: over 12,000 customers");
    expect(anthropic.requests[1]?.body.system).toContain("One angle and one emotional trigger per hook");

    const researchJson = await readOutJson<Record<string, unknown>>(dir, "research.json");
    expect(researchJson).toMatchObject({ offer: "Sourdough boxes, 20% off the first one", audience: "Busy families", tone: "warm" });
    expect(researchJson.colours).toEqual(["#d9480f", "#2b8a3e", "#1971c2"]); // measured, not asked of the model
    expect((await readOutJson<Hook[]>(dir, "hooks.json")).map((h) => h.headline)).toEqual([
      "Model headline 1",
      "Model headline 2",
      "Model headline 3",
    ]);

    for (const run of runs) expect(`${run.stdout}${run.stderr}`).not.toContain(KEY);
    for (const [file, bytes] of await filesUnder(dir)) expect(bytes.toString("latin1").includes(KEY), file).toBe(false);
  });

  it("asks the model only for the listed hooks and keeps the others", async () => {
    anthropic.setMode("good");
    const dir = await makeWorkDir(root, "model-partial", baseInput(site.url(), { hookCount: 3 }));
    await runStage(dir, "research", { templateDir });
    await runStage(dir, "hooks", { templateDir }); // offline v1
    const before = await readOutJson<Hook[]>(dir, "hooks.json");
    await writeInput(dir, baseInput(site.url(), { hookCount: 3, plan: { research: false, hooks: [2], images: [2], reason: "hook 2" } }));
    anthropic.requests.length = 0;
    const run = await runStage(dir, "hooks", { templateDir, env });
    expect(run.code).toBe(0);
    expect(anthropic.requests[0]?.body.messages[0]?.content).toContain("Write hooks number 2 (1 in total).");
    const after = await readOutJson<Hook[]>(dir, "hooks.json");
    expect(after.map((h) => h.headline)).toEqual([before[0]?.headline, "Model headline 2", before[2]?.headline]);
  });

  it.each([
    ["not-json", "The model's reply for research held no readable JSON."],
    ["wrong-shape", 'The model\'s reply for research was not usable: "offer" is missing or not a short text.'],
    ["server-error", "The model API answered HTTP 529."],
  ] as const)("fails clearly when the model's answer is %s", async (mode, message) => {
    anthropic.setMode(mode);
    const dir = await makeWorkDir(root, `model-${mode}`, baseInput(site.url()));
    const run = await runStage(dir, "research", { templateDir, env });
    expect(run.code).not.toBe(0);
    expect(run.error).toBe(message);
    expect(run.result).toBeNull();
    expect(`${run.stdout}${run.stderr}`).not.toContain(KEY);
    await expect(readOut(dir, "research.json")).rejects.toThrow(/ENOENT/);
  });

  it("refuses hooks from the model that share an emotional trigger", async () => {
    anthropic.setMode("good");
    const dir = await makeWorkDir(root, "model-same-trigger", baseInput(site.url(), { hookCount: 3 }));
    expect((await runStage(dir, "research", { templateDir, env })).code).toBe(0);
    anthropic.setMode("same-trigger");
    const run = await runStage(dir, "hooks", { templateDir, env });
    expect(run.code).not.toBe(0);
    expect(run.error).toBe('The model\'s reply for hooks was not usable: two hooks share the trigger "pride".');
    await expect(readOut(dir, "hooks.json")).rejects.toThrow(/ENOENT/);
  });
});
