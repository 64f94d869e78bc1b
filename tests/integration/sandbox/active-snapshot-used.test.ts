import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEnv } from "@/env";
import { sandboxSnapshots } from "@/server/db/schema";
import { createSandbox } from "@/server/services/sandbox";
import { createTestDb } from "../../support/db";
import { createDaytonaMock, DAYTONA_TEST_API_URL, DAYTONA_TEST_KEY } from "../../mocks/daytona";

const mock = createDaytonaMock();
const server = setupServer(...mock.handlers);
let handle: Awaited<ReturnType<typeof createTestDb>>;
beforeAll(async () => {
  server.listen({ onUnhandledRequest: "error" });
  handle = await createTestDb();
});
afterAll(async () => {
  server.close();
  await handle?.close();
});

describe("the Daytona sandbox service starts from the snapshot builder's verified snapshot", () => {
  it("uses DAYTONA_SNAPSHOT until a snapshot is ACTIVE, then the ACTIVE one (never a FAILED newer build)", async () => {
    const env = parseEnv({ DAYTONA_API_KEY: DAYTONA_TEST_KEY, DAYTONA_API_URL: DAYTONA_TEST_API_URL, DAYTONA_SNAPSHOT: "hand-made" });
    const { sessions } = createSandbox({ env, db: handle.db });
    expect((await sessions.create({ labels: { t: "1" }, template: "creative-agent" })).snapshot).toBe("hand-made");

    await handle.db.insert(sandboxSnapshots).values([
      { kind: "daytona", name: "aigency-agents-aaaaaaaaaaaa", recipeHash: "a", status: "ACTIVE", activatedAt: new Date() },
      { kind: "daytona", name: "aigency-agents-bbbbbbbbbbbb", recipeHash: "b", status: "FAILED", error: "uid 0" },
      { kind: "local", name: "aigency-agents-cccccccccccc", recipeHash: "c", status: "ACTIVE", activatedAt: new Date() },
    ]);
    expect((await sessions.create({ labels: { t: "2" }, template: "creative-agent" })).snapshot).toBe("aigency-agents-aaaaaaaaaaaa");
    expect(mock.createBodies.map((b) => b.snapshot)).toEqual(["hand-made", "aigency-agents-aaaaaaaaaaaa"]);
  });
});
