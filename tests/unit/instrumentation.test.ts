import { afterEach, describe, expect, it, vi } from "vitest";
import { resetEnv } from "@/env";

const getDeps = vi.fn(() => Promise.resolve({}));
vi.mock("@/server/deps", () => ({ getDeps }));

afterEach(() => {
  vi.unstubAllEnvs();
  getDeps.mockClear();
  resetEnv();
});

describe("server start (instrumentation)", () => {
  it("opens the embedded database at boot, so its cost is not paid inside the first requests", async () => {
    vi.stubEnv("NEXT_RUNTIME", "nodejs");
    vi.stubEnv("DATABASE_URL", "");
    const { register } = await import("@/instrumentation");
    await register();
    expect(getDeps).toHaveBeenCalledTimes(1);
  });

  it("leaves a Postgres connection to the first request (a database briefly down at boot must not poison the server)", async () => {
    vi.stubEnv("NEXT_RUNTIME", "nodejs");
    vi.stubEnv("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres");
    const { register } = await import("@/instrumentation");
    await register();
    expect(getDeps).not.toHaveBeenCalled();
  });
});
