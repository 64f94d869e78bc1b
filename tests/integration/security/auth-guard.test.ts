import { count } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/auth/[...all]/route";
import { users } from "@/server/db/schema";
import { setDeps } from "@/server/deps";
import { createTestDb } from "../../support/db";
import { embeddedDeps } from "../onboarding/support";

let handle: Awaited<ReturnType<typeof createTestDb>>;
const signUp = (body: BodyInit, headers: Record<string, string> = {}) =>
  POST(new Request("http://localhost:3000/api/auth/sign-up/email", { method: "POST", headers: { "content-type": "application/json", ...headers }, body }));
const userCount = async () => (await handle.db.select({ n: count() }).from(users))[0]!.n;

beforeAll(async () => {
  handle = await createTestDb();
  setDeps(embeddedDeps(handle.db));
});
afterAll(async () => {
  setDeps();
  await handle?.close();
});

describe("better-auth behind our guard", () => {
  it("refuses a NUL in a sign-up field with a 400 naming it, instead of letting it reach Postgres", async () => {
    const res = await signUp(JSON.stringify({ name: "Nul\u0000Name", email: "nul@example.test", password: "correct horse battery" }));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toBe("name: contains a control character");
    expect(await userCount()).toBe(0);
  });

  it("refuses an oversized body with 413", async () => {
    const res = await signUp(JSON.stringify({ name: "x".repeat(100_000), email: "big@example.test", password: "correct horse battery" }));
    expect(res.status).toBe(413);
    expect(await userCount()).toBe(0);
  });

  it("passes a good sign-up through, its body intact", async () => {
    const res = await signUp(JSON.stringify({ name: "Good", email: "good@example.test", password: "correct horse battery" }), { origin: "http://localhost:3000" });
    expect(res.status).toBe(200);
    expect(await userCount()).toBe(1);
  });
});
