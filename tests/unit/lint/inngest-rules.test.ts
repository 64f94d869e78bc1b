import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

// Runs the project's own eslint.config.mjs, so removing the plugin (or a rule) from it fails here.
const root = path.resolve(import.meta.dirname, "../../..");
const eslint = new ESLint({ cwd: root, overrideConfigFile: path.join(root, "eslint.config.mjs") });

async function ruleIdsFor(source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: path.join(root, "inngest/functions/example/lint-probe.ts") });
  return result!.messages.map((m) => m.ruleId ?? "(parse error)");
}

// Loading the TypeScript parser and the config takes seconds on a busy machine.
describe("Inngest's ESLint rules are on", { timeout: 120_000 }, () => {
  it("flags an unawaited inngest.send", async () => {
    const ids = await ruleIdsFor(`
      declare const inngest: { send(e: object): Promise<void> };
      export function notify() { inngest.send({ name: "x" }); }
    `);
    expect(ids).toContain("@inngest/await-inngest-send");
  });

  it("flags a step nested inside another step", async () => {
    const ids = await ruleIdsFor(`
      type Step = { run(id: string, fn: () => unknown): Promise<unknown> };
      export async function handler({ step }: { step: Step }) {
        await step.run("outer", async () => { await step.run("inner", () => 1); });
      }
    `);
    expect(ids).toContain("@inngest/no-nested-steps");
  });

  it("flags an outer variable mutated inside a step", async () => {
    const ids = await ruleIdsFor(`
      type Step = { run(id: string, fn: () => unknown): Promise<unknown> };
      export async function handler({ step }: { step: Step }) {
        let total = 0;
        await step.run("count", () => { total = 1; });
        return total;
      }
    `);
    expect(ids).toContain("@inngest/no-variable-mutation-in-step");
  });

  it("accepts the correct shapes", async () => {
    const ids = await ruleIdsFor(`
      declare const inngest: { send(e: object): Promise<void> };
      type Step = { run<T>(id: string, fn: () => T): Promise<T> };
      export async function handler({ step }: { step: Step }) {
        const total = await step.run("count", () => 1);
        await inngest.send({ name: "x", data: { total } });
        return total;
      }
    `);
    expect(ids.filter((id) => id.startsWith("@inngest/"))).toEqual([]);
  });
});
