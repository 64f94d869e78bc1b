import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = {
  "@/inngest": path.resolve(import.meta.dirname, "inngest"),
  "@/emails": path.resolve(import.meta.dirname, "emails"),
  "@": path.resolve(import.meta.dirname, "src"),
};

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
          globalSetup: ["tests/e2e/support/global-setup.ts"],
          testTimeout: 120_000,
          hookTimeout: 600_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
