import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  baseInput,
  filesUnder,
  type Hook,
  makeWorkDir,
  readOut,
  readOutJson,
  runAllStages,
  runStage,
  writeInput,
} from "./support/agent-harness";
import type { BrandSite } from "./support/brand-site";
import { type AgentWorld, startAgentWorld } from "./support/agent-world";
import { pixelHex, pngSize } from "./support/png";

// The creative agent run for real (node agent/main.mjs <stage>) against a local brand site, offline.
let root: string;
let templateDir: string;
let site: BrandSite;
let world: AgentWorld;
let v1: string;

beforeAll(async () => {
  world = await startAgentWorld();
  ({ root, templateDir, site } = world);
  v1 = await makeWorkDir(root, "v1", baseInput(site.url()));
  await runAllStages(v1, { templateDir });
});
afterAll(async () => {
  await world.stop();
});

describe("research", () => {
  it("extracts the offer, proof and brand colours from the page, labelled as the offline generator", async () => {
    const research = await readOutJson<Record<string, unknown>>(v1, "research.json");
    expect(research.offer).toBe("Get 20% off your first box, from £19/month.");
    expect(research.audience).toBe("Busy families");
    expect(research.proofPoints).toEqual([
      "Baking since 1998: over 12,000 customers and 4.9 stars from 3,200 reviews.",
      "\u201cThe best bread we have ever had, every single week.\u201d",
    ]);
    // Most frequent first (inline CSS 3×, then style attribute + linked CSS), greys and script text left out.
    expect(research.colours).toEqual(["#d9480f", "#2b8a3e", "#1971c2"]);
    expect(research.sourceTitle).toBe("Sunny Bakes | Fresh sourdough delivered");
    const markdown = (await readOut(v1, "research.md")).toString();
    expect(markdown).toContain("offline generator (no model)");
    expect(markdown).toContain("## Proof points\n- Baking since 1998");
  });
});

describe("hooks", () => {
  it("writes hookCount hooks, each with its own angle and emotional trigger", async () => {
    const hooks = await readOutJson<Hook[]>(v1, "hooks.json");
    expect(hooks.map((h) => h.number)).toEqual([1, 2, 3, 4, 5]);
    expect(new Set(hooks.map((h) => h.angle)).size).toBe(5);
    expect(new Set(hooks.map((h) => h.trigger)).size).toBe(5);
    expect(hooks.every((h) => h.headline.length > 0 && h.headline.length <= 90)).toBe(true);
    const markdown = (await readOut(v1, "hooks.md")).toString();
    for (const hook of hooks) expect(markdown).toContain(`**${hook.headline}**`);
    expect(markdown).toContain("offline generator (no model)");
  });

  it("makes every hook visibly more emotional when the feedback asks for it", async () => {
    const dir = await makeWorkDir(root, "emotional", baseInput(site.url(), { feedback: "make the hooks more emotional" }));
    expect((await runStage(dir, "research", { templateDir })).code).toBe(0);
    expect((await runStage(dir, "hooks", { templateDir })).code).toBe(0);
    const plain = await readOutJson<Hook[]>(v1, "hooks.json");
    const moved = await readOutJson<Hook[]>(dir, "hooks.json");
    const feeling = /\b(feel|feeling|love|heart|imagine|pride|proud|relief|sting|joy|regret|warmth|thrill|deserve|frustration|rush|believe|safe)\b/gi;
    const count = (hooks: Hook[]) => hooks.map((h) => `${h.headline} ${h.primaryText}`.match(feeling)?.length ?? 0);
    moved.forEach((hook, i) => {
      expect(hook.headline).not.toBe(plain[i]?.headline);
      expect(count(moved)[i]).toBeGreaterThan(count(plain)[i] ?? 0);
      expect(hook.trigger).toBe(plain[i]?.trigger);
    });
    expect((await readOut(dir, "hooks.md")).toString()).toContain("Feedback applied: make the hooks more emotional");
  });

  it("with plan.hooks = [2] rewrites hook 2 only and keeps the others byte-identical, then redoes only hook 2's visuals", async () => {
    const dir = await makeWorkDir(root, "only-two", baseInput(site.url()));
    await runAllStages(dir, { templateDir });
    const before = await filesUnder(dir);
    const hooksBefore = await readOutJson<Hook[]>(dir, "hooks.json");
    await writeInput(dir, baseInput(site.url(), { version: 2, feedback: "hook 2 is dull", plan: { research: false, hooks: [2], images: [2], reason: "hook 2" } }));

    const hooksRun = await runStage(dir, "hooks", { templateDir });
    const hooksAfter = await readOutJson<Hook[]>(dir, "hooks.json");
    expect(hooksRun.result?.files).toEqual(["out/hooks.json", "out/hooks.md"]);
    for (const n of [0, 2, 3, 4]) expect(JSON.stringify(hooksAfter[n], null, 2)).toBe(JSON.stringify(hooksBefore[n], null, 2));
    expect(hooksAfter[1]?.headline).not.toBe(hooksBefore[1]?.headline);
    expect(hooksAfter[1]?.trigger).toBe(hooksBefore[1]?.trigger);

    const promptsRun = await runStage(dir, "image-prompts", { templateDir });
    expect(promptsRun.result?.files).toEqual(["out/image-prompts.json"]);
    const promptsBefore = JSON.parse(before.get("out/image-prompts.json")!.toString()) as { hookNumber: number }[];
    const promptsAfter = await readOutJson<{ hookNumber: number; prompt: string }[]>(dir, "image-prompts.json");
    expect(promptsAfter.filter((p) => p.hookNumber !== 2)).toEqual(promptsBefore.filter((p) => p.hookNumber !== 2));
    expect(promptsAfter.filter((p) => p.hookNumber === 2).every((p) => p.prompt.includes(hooksAfter[1]!.headline))).toBe(true);

    const imagesRun = await runStage(dir, "images", { templateDir });
    expect(imagesRun.result?.files).toEqual(["out/images/hook-2-1200x628.png", "out/images/hook-2-1080x1080.png"]);
    const after = await filesUnder(dir);
    for (const [file, bytes] of before) {
      if (!file.startsWith("out/images/")) continue;
      if (file.includes("hook-2-")) expect(after.get(file)!.equals(bytes)).toBe(false);
      else expect(after.get(file)!.equals(bytes)).toBe(true);
    }
  });
});

describe("image prompts and images", () => {
  it("writes a prompt per hook and size naming the brand colours and the headline", async () => {
    const prompts = await readOutJson<{ hookNumber: number; size: string; prompt: string }[]>(v1, "image-prompts.json");
    const hooks = await readOutJson<Hook[]>(v1, "hooks.json");
    expect(prompts.map((p) => `${p.hookNumber}:${p.size}`)).toEqual(
      hooks.flatMap((h) => [`${h.number}:1200x628`, `${h.number}:1080x1080`]),
    );
    for (const p of prompts) {
      expect(p.prompt).toContain("#d9480f");
      expect(p.prompt).toContain(hooks[p.hookNumber - 1]!.headline);
    }
  });

  it("renders valid PNGs of exactly 1200×628 and 1080×1080 in the brand's colours", async () => {
    for (const n of [1, 2, 3, 4, 5]) {
      for (const [width, height] of [[1200, 628], [1080, 1080]] as const) {
        const png = await readOut(v1, `images/hook-${n}-${width}x${height}.png`);
        expect(pngSize(png)).toEqual({ width, height });
        expect(await pixelHex(png, 4, 4)).toBe("#d9480f");
        expect(await pixelHex(png, 4, height - 4)).toBe("#2b8a3e");
      }
    }
  });
});

describe("determinism", () => {
  it("gives the same bytes for every output file on a second offline run with the same inputs", async () => {
    const again = await makeWorkDir(root, "again", baseInput(site.url()));
    await runAllStages(again, { templateDir });
    const first = await filesUnder(v1);
    const second = await filesUnder(again);
    expect([...second.keys()].sort()).toEqual([...first.keys()].sort());
    expect(first.size).toBe(1 + 5 + 10); // input.json, five text outputs, ten images
    for (const [file, bytes] of first) expect(second.get(file)!.equals(bytes), file).toBe(true);
  });
});
