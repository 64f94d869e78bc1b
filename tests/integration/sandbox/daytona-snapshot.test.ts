import { InngestTestEngine } from "@inngest/test";
import { eq } from "drizzle-orm";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { resetEnv } from "@/env";
import { buildSandboxSnapshotFn } from "@/inngest/functions/sandbox/build-sandbox-snapshot";
import { emailOutbox, sandboxColdStarts, sandboxSnapshots } from "@/server/db/schema";
import { setDeps } from "@/server/deps";
import { buildSandboxSnapshot } from "@/server/sandbox/build-snapshot";
import { daytonaRecipe } from "@/server/sandbox/daytona/recipe";
import { readTemplateSource } from "@/server/sandbox/template-source";
import { SANDBOX_TEMPLATES } from "@/server/sandbox/templates";
import { createTestDb } from "../../support/db";
import { DAYTONA_TEST_API_URL, DAYTONA_TEST_KEY } from "../../mocks/daytona";
import { embeddedDeps, testCtx } from "../campaigns/support";
import { createDaytonaSnapshotMock } from "./daytona-snapshots-mock";

const mock = createDaytonaSnapshotMock();
const server = setupServer(...mock.handlers);
const env = { DAYTONA_API_KEY: DAYTONA_TEST_KEY, DAYTONA_API_URL: DAYTONA_TEST_API_URL, DATA_DIR: ".data" };
let handle: Awaited<ReturnType<typeof createTestDb>>;

beforeAll(async () => {
  server.listen({ onUnhandledRequest: "error" });
  handle = await createTestDb();
});
afterEach(async () => {
  mock.snapshots.clear();
  mock.sandboxes.createBodies.length = 0;
  mock.state.build = "succeeds";
  mock.state.sandboxFacts = { node: "v20.18.0", uid: "1001", user: "aigency", missing: [] };
  await handle.db.delete(sandboxSnapshots);
  vi.unstubAllEnvs();
  resetEnv();
});
afterAll(async () => {
  server.close();
  setDeps();
  await handle?.close();
});

const rows = () => handle.db.select().from(sandboxSnapshots).orderBy(sandboxSnapshots.createdAt);

/** An earlier verified snapshot, as a previous deploy would have left it. */
async function seedActive(name = "aigency-agents-000000000000") {
  await handle.db.insert(sandboxSnapshots).values({ kind: "daytona", name, recipeHash: "0".repeat(64), status: "ACTIVE", activatedAt: new Date() });
}

describe("the Daytona snapshot recipe", () => {
  it("is Node 20 with a non-root user and every template baked at /opt/aigency/templates, named by its hash", async () => {
    const sources = await Promise.all(SANDBOX_TEMPLATES.map((t) => readTemplateSource(t)));
    const recipe = daytonaRecipe(sources);
    const dockerfile = recipe.image.dockerfile;
    expect(dockerfile.split("\n")[0]).toBe("FROM node:20-slim");
    expect(dockerfile).toContain("useradd --create-home --shell /bin/bash aigency");
    expect(dockerfile).toMatch(/\nUSER aigency\n/);
    expect(dockerfile).toContain("cd '/opt/aigency/templates/creative-agent' && npm install --omit=dev");
    expect(dockerfile).toContain("> '/opt/aigency/templates/app-starter/rules/app-starter.md'");
    expect(recipe.image.contextList).toEqual([]);
    expect(recipe.snapshotName).toBe(`aigency-agents-${recipe.hash.slice(0, 12)}`);
    // A changed template file is a different image.
    const changed = sources.map((s, i) => (i === 0 ? { ...s, files: s.files.map((f) => ({ ...f, content: Buffer.concat([f.content, Buffer.from(" ")]) })) } : s));
    expect(daytonaRecipe(changed).hash).not.toBe(recipe.hash);
    expect(daytonaRecipe(sources).hash).toBe(recipe.hash);
  });
});

describe("building and verifying the Daytona snapshot (real SDK against msw)", () => {
  it("builds, verifies in a sandbox from it, then makes it ACTIVE and retires the previous one", async () => {
    await seedActive();
    const outcome = await buildSandboxSnapshot({ db: handle.db, env });
    expect(outcome).toMatchObject({ kind: "daytona", status: "active" });
    const [previous, current] = await rows();
    expect(previous).toMatchObject({ status: "RETIRED", name: "aigency-agents-000000000000" });
    expect(current).toMatchObject({ status: "ACTIVE", name: outcome.name, error: null });
    expect(current!.verification).toMatchObject({ passed: true, nodeVersion: "v20.18.0", user: "aigency (uid 1001)", tools: { node: true, npm: true, git: true } });
    expect(current!.verification!.rulesFiles).toEqual({
      "app-starter/rules/app-starter.md": true,
      ...Object.fromEntries(["brand-voice", "hooks", "images", "research"].map((r) => [`creative-agent/rules/${r}.md`, true])),
    });
    expect(mock.snapshots.get(outcome.name)!.dockerfile).toContain("FROM node:20-slim");
    // The verification sandbox came from the new snapshot and is gone; its cold start is on record.
    expect(mock.sandboxes.createBodies.at(-1)).toMatchObject({ snapshot: outcome.name });
    expect([...mock.sandboxes.sandboxes.values()].every((s) => s.deleted)).toBe(true);
    const [cold] = await handle.db.select().from(sandboxColdStarts).where(eq(sandboxColdStarts.snapshot, outcome.name));
    expect(cold).toMatchObject({ kind: "daytona", purpose: "snapshot-verify" });

    // Same recipe again: nothing is built or started.
    const creates = mock.sandboxes.createBodies.length;
    expect(await buildSandboxSnapshot({ db: handle.db, env })).toMatchObject({ status: "already-active", snapshotId: current!.id });
    expect(mock.sandboxes.createBodies.length).toBe(creates);
  });

  it.each([
    ["commands run as root", { uid: "0", user: "root" }, "Commands run as root (uid 0)"],
    ["a rules file is missing", { missing: ["rules:app-starter/rules/app-starter.md"] }, "app-starter: rules file rules/app-starter.md is missing"],
    ["Node is not 20", { node: "v18.19.0" }, "Node is v18.19.0, not 20.x"],
    ["a dependency does not load", { missing: ["load:creative-agent/@napi-rs/canvas"] }, "creative-agent: @napi-rs/canvas does not load"],
  ])("fails verification when %s: FAILED with the reason, the previous ACTIVE kept", async (_case, facts, reason) => {
    await seedActive();
    Object.assign(mock.state.sandboxFacts, facts);
    const outcome = await buildSandboxSnapshot({ db: handle.db, env });
    expect(outcome).toMatchObject({ status: "failed" });
    const [previous, failed] = await rows();
    expect(previous).toMatchObject({ status: "ACTIVE" });
    expect(failed).toMatchObject({ status: "FAILED" });
    expect(failed!.error).toContain(reason);
    expect(failed!.verification).toMatchObject({ passed: false });
  });

  it("a build Daytona reports failed, or one past the deadline, ends FAILED and is deleted", async () => {
    await seedActive();
    mock.state.build = "fails";
    const failed = await buildSandboxSnapshot({ db: handle.db, env });
    expect(failed).toMatchObject({ status: "failed" });
    expect(failed.status === "failed" && failed.error).toMatch(/^Build failed: .*npm install exited 1/);
    mock.state.build = "hangs";
    const late = await buildSandboxSnapshot({ db: handle.db, env, deadlineMs: 1_500 });
    expect(late.status === "failed" && late.error).toBe("Build failed: The snapshot build passed its 2 s deadline");
    expect(mock.snapshots.size).toBe(0);
    expect((await rows()).map((r) => r.status)).toEqual(["ACTIVE", "FAILED", "FAILED"]);
    expect(mock.sandboxes.createBodies.filter((b) => b.snapshot === failed.name)).toEqual([]);
  });

  it("the build function emails every operator when verification fails", async () => {
    vi.stubEnv("DAYTONA_API_KEY", DAYTONA_TEST_KEY);
    vi.stubEnv("DAYTONA_API_URL", DAYTONA_TEST_API_URL);
    vi.stubEnv("OPERATOR_EMAILS", "ops@example.com, oncall@example.com");
    resetEnv();
    setDeps(embeddedDeps(handle.db));
    await seedActive("aigency-agents-111111111111");
    mock.state.sandboxFacts.uid = "0";
    const { transformCtx } = testCtx();
    const event = { name: "sandbox/snapshot.build-requested", data: { reason: "test" } };
    const { result, error } = await new InngestTestEngine({ function: buildSandboxSnapshotFn, events: [event as never], transformCtx }).execute();
    expect(error).toBeUndefined();
    expect(result).toMatchObject({ status: "failed" });
    const mails = await handle.db.select().from(emailOutbox).where(eq(emailOutbox.template, "sandbox-alert"));
    expect(mails.map((m) => m.to).sort()).toEqual(["oncall@example.com", "ops@example.com"]);
    expect(mails[0]!.text).toContain("Commands run as root (uid 0)");
    expect(mails[0]!.text).toContain("keep starting from aigency-agents-111111111111");
  });
});
