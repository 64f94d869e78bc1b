import { cp, mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { InngestTestEngine } from "@inngest/test";
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { resetEnv } from "@/env";
import { inngest } from "@/inngest/client";
import { refreshSandboxTemplate } from "@/inngest/functions/sandbox/refresh-sandbox-template";
import { refreshSandboxTemplates } from "@/inngest/functions/sandbox/refresh-sandbox-templates";
import { emailOutbox, sandboxTemplateRefreshes } from "@/server/db/schema";
import { setDeps } from "@/server/deps";
import { refreshTemplate } from "@/server/sandbox/refresh-template";
import { findTemplate, READY_MARKER, TEMPLATE_REFRESH_ATTEMPTS } from "@/server/sandbox/templates";
import { createTestDb } from "../../support/db";
import { embeddedDeps, testCtx } from "../campaigns/support";

let handle: Awaited<ReturnType<typeof createTestDb>>;
let scratch: string;
beforeAll(async () => {
  handle = await createTestDb();
  setDeps(embeddedDeps(handle.db));
  scratch = await mkdtemp(path.join(tmpdir(), "aigency-refresh-"));
});
afterEach(() => {
  vi.unstubAllEnvs();
  resetEnv();
});
afterAll(async () => {
  setDeps();
  await handle?.close();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

type Sent = { name: string; id: string; data: Record<string, unknown> };
const sentEvents = (sent: { payload: unknown }[]) => sent.flatMap((s) => [s.payload].flat()) as Sent[];

describe("refresh-sandbox-templates (cron)", () => {
  it("asks for one refresh per configured template, with ids naming template and tick", async () => {
    const { transformCtx, sent } = testCtx();
    const tick = { name: "inngest/scheduled.timer", data: { cron: "*/30 * * * *" }, ts: Date.parse("2026-12-02T06:30:00.412Z"), id: "tick" };
    const { result, error } = await new InngestTestEngine({ function: refreshSandboxTemplates, events: [tick as never], transformCtx }).execute();
    expect(error).toBeUndefined();
    expect(result).toEqual({ templates: ["creative-agent", "app-starter"] });
    expect(sentEvents(sent)).toEqual([
      expect.objectContaining({ name: "sandbox/template.refresh-requested", id: "template-refresh-creative-agent-2026-12-02T06:30", data: { template: "creative-agent" } }),
      expect.objectContaining({ name: "sandbox/template.refresh-requested", id: "template-refresh-app-starter-2026-12-02T06:30", data: { template: "app-starter" } }),
    ]);
  });
});

describe("refresh-sandbox-template", () => {
  it("gets the attempts /status counts on: the engine's retries plus the first", () => {
    expect(refreshSandboxTemplate.opts.retries! + 1).toBe(TEMPLATE_REFRESH_ATTEMPTS);
  });

  it("three failing attempts leave three rows; after the last, refresh-failed is sent and every operator emailed", async () => {
    // A DATA_DIR that is a file: the template directory can never be made.
    const blocked = path.join(scratch, "not-a-dir");
    await writeFile(blocked, "");
    vi.stubEnv("DATA_DIR", blocked);
    vi.stubEnv("OPERATOR_EMAILS", "ops@example.com,oncall@example.com");
    resetEnv();
    const event = { name: "sandbox/template.refresh-requested", data: { template: "creative-agent" } };
    const runId = "run-refresh-1";
    // @inngest/test runs one attempt per execution; the engine's retries are played by the attempt number.
    for (const attempt of [0, 1, 2]) {
      const { transformCtx } = testCtx();
      const { error } = await new InngestTestEngine({
        function: refreshSandboxTemplate,
        events: [event as never],
        transformCtx: (ctx) => ({ ...transformCtx(ctx), runId, attempt }) as typeof ctx,
      }).execute();
      expect(error).toBeDefined();
    }
    const attempts = await handle.db.select().from(sandboxTemplateRefreshes).where(eq(sandboxTemplateRefreshes.runId, runId)).orderBy(sandboxTemplateRefreshes.attempt);
    expect(attempts.map((a) => [a.attempt, a.status])).toEqual([[1, "failed"], [2, "failed"], [3, "failed"]]);
    expect(attempts[2]!.error).toMatch(/^Build failed: .*ENOTDIR/);

    // @inngest/test cannot enter an onFailure handler, so the same handler runs as a function on the failure event.
    const handler = (refreshSandboxTemplate as unknown as { onFailureFn: never }).onFailureFn;
    const onFailure = inngest.createFunction({ id: "refresh-sandbox-template-failure-under-test", triggers: [{ event: "inngest/function.failed" }] }, handler);
    const failed = {
      name: "inngest/function.failed",
      data: { function_id: "refresh-sandbox-template", run_id: runId, error: { name: "Error", message: attempts[2]!.error }, event },
    };
    const { transformCtx, sent } = testCtx();
    const { result, error } = await new InngestTestEngine({ function: onFailure, events: [failed as never], transformCtx }).execute();
    expect(error).toBeUndefined();
    expect(result).toEqual({ template: "creative-agent", alerted: true });
    expect(sentEvents(sent)).toEqual([
      expect.objectContaining({ name: "sandbox/template.refresh-failed", id: `template-refresh-failed-${runId}`, data: { template: "creative-agent", error: attempts[2]!.error } }),
    ]);
    const mails = await handle.db.select().from(emailOutbox).where(eq(emailOutbox.template, "sandbox-alert"));
    expect(mails.map((m) => m.to).sort()).toEqual(["oncall@example.com", "ops@example.com"]);
    expect(mails[0]!.subject).toBe("[Aigency ops] Template refresh failed: creative-agent");
    expect(mails[0]!.text).toContain("ENOTDIR");
  });

  it("a template that broke after it was made fails its check, loses its ready marker, and the retry makes it again", async () => {
    const source = path.join(scratch, "creative-src");
    await cp(path.resolve(findTemplate("creative-agent").sourceDir), source, { recursive: true });
    const templates = [{ ...findTemplate("creative-agent"), sourceDir: source }];
    const input = { db: handle.db, env: { DAYTONA_API_KEY: undefined, DAYTONA_API_URL: "https://unused.test", DATA_DIR: path.join(scratch, "data") }, templates, template: "creative-agent" };
    expect(await refreshTemplate(input)).toMatchObject({ built: true });
    expect(await refreshTemplate(input)).toMatchObject({ built: false });

    const dir = path.join(scratch, "data", "sandbox-templates", "creative-agent");
    await rm(path.join(dir, "node_modules/@napi-rs/canvas-linux-x64-gnu"), { recursive: true });
    await expect(refreshTemplate(input)).rejects.toThrow("creative-agent: @napi-rs/canvas does not load");
    await expect(stat(path.join(dir, READY_MARKER))).rejects.toThrow(/ENOENT/);

    expect(await refreshTemplate(input)).toMatchObject({ built: true });
    await stat(path.join(dir, "node_modules/@napi-rs/canvas-linux-x64-gnu/package.json"));
  });
});
