import path from "node:path";
import { configDefaults, defineConfig } from "vitest/config";

const alias = {
  "@/inngest": path.resolve(import.meta.dirname, "inngest"),
  "@/emails": path.resolve(import.meta.dirname, "emails"),
  "@": path.resolve(import.meta.dirname, "src"),
};

// Run by both e2e profiles: the engine-facing core (chain, approval wait and timeout, retry, replay, journey).
const SELFHOST_PROFILE = ["chain", "approval-timeout", "retry", "replay", "journey"].map((name) => `tests/e2e/${name}.test.ts`);
// What only two signed `inngest start` nodes can show.
const SELFHOST_ONLY = ["tests/e2e/selfhost-signing.test.ts"];

export default defineConfig({
  resolve: { alias },
  test: {
    env: { INNGEST_DEV: "1", NODE_ENV: "test" },
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["tests/unit/**/*.test.{ts,tsx}"], setupFiles: ["tests/support/setup-unit.ts"] },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.{ts,tsx}"],
          setupFiles: ["tests/support/setup-unit.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          exclude: [...configDefaults.exclude, ...SELFHOST_ONLY],
          globalSetup: ["tests/e2e/support/global-setup.ts"],
          testTimeout: 120_000,
          hookTimeout: 600_000,
          fileParallelism: false,
          // Group 0, beside unit and integration, as before the second profile: queued after them, CI's
          // first phase took 54 minutes on this machine.
        },
      },
      {
        extends: true,
        test: {
          // The same engine-facing tests against two `inngest start` nodes (global-setup-selfhost.ts).
          name: "e2e-selfhost",
          include: [...SELFHOST_PROFILE, ...SELFHOST_ONLY],
          globalSetup: ["tests/e2e/support/global-setup-selfhost.ts"],
          testTimeout: 120_000,
          hookTimeout: 600_000,
          fileParallelism: false,
          // After group 0 (unit, integration, e2e), never beside the `e2e` profile's tests.
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
