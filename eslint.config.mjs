import js from "@eslint/js";
import inngest from "@inngest/eslint-plugin";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules", ".next*", ".data", "drizzle", "bench/results", "next-env.d.ts", "test-results"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-console": ["error", { allow: ["warn", "error", "info"] }],
    },
  },
  {
    // Inngest's own rules (the plugin targets ESLint's flat config through its plain rules object):
    // an unawaited send can be dropped when the request ends, a step inside a step is not
    // memoized, and a variable mutated inside a step is lost when the function replays.
    files: ["**/*.{ts,tsx}"],
    plugins: { "@inngest": inngest },
    rules: {
      "@inngest/await-inngest-send": "error",
      "@inngest/no-nested-steps": "error",
      "@inngest/no-variable-mutation-in-step": "error",
    },
  },
  {
    // Programs that run inside a sandbox: plain Node 20 ESM, using Node's web globals.
    files: ["src/sandbox-programs/**/*.mjs"],
    languageOptions: { globals: { fetch: "readonly", AbortSignal: "readonly", URL: "readonly", TextDecoder: "readonly" } },
  },
  {
    files: ["scripts/**/*.mjs", "bench/**/*.ts", "tests/**/*.ts"],
    languageOptions: { globals: { process: "readonly", console: "readonly", URL: "readonly", setTimeout: "readonly" } },
    rules: { "no-console": "off" },
  },
);
