import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cachedOrBuilt, devServerCacheDir, resolveDevServerBinary } from "../../../scripts/inngest-dev-server.mjs";
import {
  buildMarkerPath,
  cachedBinaryVerdict,
  DEV_SERVER_BUILD_ID,
  readBuildId,
  writeBuildMarker,
} from "../../../scripts/lib/dev-server-cache.mjs";

/**
 * A cached Dev Server binary is used only when the marker beside it names the current build id
 * (the one that embeds the web UI); one built before that is rebuilt, once, saying why.
 */
let scratch: string;

beforeEach(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), "aigency-dev-server-cache-"));
});

afterEach(() => {
  vi.unstubAllEnvs();
  fs.rmSync(scratch, { recursive: true, force: true });
});

/** Stands in for a built `inngest`: it answers `version` like the real one. */
function fakeBinary(file: string) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, "#!/bin/sh\necho 'v1.43.0'\n", { mode: 0o755 });
}

/** A build that only writes the fake binary, counting its calls. */
function fakeBuild() {
  const calls: string[] = [];
  const build = async ({ output }: { output: string }) => {
    calls.push(output);
    fakeBinary(output);
  };
  return { build, calls };
}

describe("the cached binary's verdict", () => {
  const binary = "/cache/inngest";

  it("uses a runnable binary whose marker names the current build", () => {
    expect(cachedBinaryVerdict({ binary, runnable: true, buildId: DEV_SERVER_BUILD_ID })).toEqual({ use: true });
  });

  it("rebuilds a runnable binary without a marker, saying it predates the web UI build", () => {
    const verdict = cachedBinaryVerdict({ binary, runnable: true, buildId: undefined });
    expect(verdict).toEqual({
      use: false,
      reason: `the cached /cache/inngest predates build ${DEV_SERVER_BUILD_ID}, which embeds the web UI (no /cache/inngest.build-id); rebuilding it once`,
    });
  });

  it("rebuilds a binary whose marker names another build, naming it", () => {
    const verdict = cachedBinaryVerdict({ binary, runnable: true, buildId: "dev-server-ui-0" });
    expect(verdict.use).toBe(false);
    expect(!verdict.use && verdict.reason).toMatch(/its build id is dev-server-ui-0\); rebuilding it once$/);
  });

  it("builds when there is no runnable binary, whatever the marker says", () => {
    expect(cachedBinaryVerdict({ binary, runnable: false, buildId: DEV_SERVER_BUILD_ID })).toEqual({
      use: false,
      reason: "no runnable binary at /cache/inngest",
    });
  });
});

describe("the build marker", () => {
  it("reads back what was written, and nothing for a binary without one", () => {
    const binary = path.join(scratch, "inngest");
    expect(readBuildId(binary)).toBeUndefined();
    writeBuildMarker(binary);
    expect(fs.readFileSync(buildMarkerPath(binary), "utf8")).toBe(`${DEV_SERVER_BUILD_ID}\n`);
    expect(readBuildId(binary)).toBe(DEV_SERVER_BUILD_ID);
    // No partial file is left beside it.
    expect(fs.readdirSync(scratch)).toEqual(["inngest.build-id"]);
  });
});

describe("cachedOrBuilt", () => {
  it("rebuilds a cached binary without the marker once, says why, and reuses it afterwards", async () => {
    const cacheDir = path.join(scratch, "cache");
    fakeBinary(path.join(cacheDir, "inngest"));
    const { build, calls } = fakeBuild();
    const lines: string[] = [];

    const first = await cachedOrBuilt({ cacheDir, log: (line) => lines.push(line), build });
    expect(first).toBe(path.join(cacheDir, "inngest"));
    expect(calls).toEqual([first]);
    expect(lines.join("\n")).toMatch(/predates build dev-server-ui-1, which embeds the web UI .* rebuilding it once/);
    expect(readBuildId(first)).toBe(DEV_SERVER_BUILD_ID);

    expect(await cachedOrBuilt({ cacheDir, log: (line) => lines.push(line), build })).toBe(first);
    expect(calls).toHaveLength(1);
  });

  it("builds into an empty cache and marks the result", async () => {
    const cacheDir = path.join(scratch, "empty");
    const { build, calls } = fakeBuild();
    const bin = await cachedOrBuilt({ cacheDir, log: () => {}, build });
    expect(calls).toEqual([bin]);
    expect(readBuildId(bin)).toBe(DEV_SERVER_BUILD_ID);
    expect(fs.existsSync(path.join(cacheDir, "build.lock"))).toBe(false);
  });

  it("leaves no marker when the build fails, so the next start tries again", async () => {
    const cacheDir = path.join(scratch, "failing");
    fakeBinary(path.join(cacheDir, "inngest"));
    const build = async () => {
      throw new Error("installing the web UI's packages failed");
    };
    await expect(cachedOrBuilt({ cacheDir, log: () => {}, build })).rejects.toThrow("installing the web UI's packages failed");
    expect(readBuildId(path.join(cacheDir, "inngest"))).toBeUndefined();
    expect(fs.existsSync(path.join(cacheDir, "build.lock"))).toBe(false);
  });
});

describe("resolveDevServerBinary", () => {
  it("INNGEST_DEV_SERVER_BIN wins over a cache that would need a rebuild", async () => {
    const own = path.join(scratch, "own", "inngest");
    fakeBinary(own);
    const cacheDir = path.join(scratch, "cache");
    fakeBinary(path.join(cacheDir, "inngest"));
    vi.stubEnv("INNGEST_DEV_SERVER_BIN", own);
    vi.stubEnv("INNGEST_DEV_SERVER_CACHE_DIR", cacheDir);
    const lines: string[] = [];
    expect(await resolveDevServerBinary({ log: (line) => lines.push(line) })).toBe(own);
    expect(lines).toEqual([]);
    expect(readBuildId(path.join(cacheDir, "inngest"))).toBeUndefined();
  });

  it("INNGEST_DEV_SERVER_CACHE_DIR replaces the cache directory, e.g. to try a build beside the shared one", () => {
    vi.stubEnv("INNGEST_DEV_SERVER_CACHE_DIR", path.join(scratch, "elsewhere"));
    expect(devServerCacheDir()).toBe(path.join(scratch, "elsewhere"));
    vi.stubEnv("INNGEST_DEV_SERVER_CACHE_DIR", "");
    vi.stubEnv("XDG_CACHE_HOME", "/xdg");
    expect(devServerCacheDir()).toBe("/xdg/aigency/inngest-dev-server/1.43.0");
  });
});
