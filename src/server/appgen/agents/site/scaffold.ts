import path from "node:path";
import starter from "@/sandbox-programs/templates/app-starter/package.json";
import type { GenerationSpec } from "../../spec";
import type { GeneratedFile } from "../types";

/**
 * The generated app's own config: package.json (the template's exact next/react versions, so the
 * sandbox's baked node_modules satisfy it and the user installs what was built), tsconfig and
 * next.config. Written by the pipeline, not by an agent; the fixer may change them (FIX_SCOPE).
 */

/** Files from the app-starter template that ship in every app as they are. */
export const STARTER_FILES = ["run-app.sh", "run-app.bat", "Dockerfile", ".dockerignore"] as const;
/** Must keep their executable bit in the workspace and in the ZIP. */
export const EXECUTABLE_FILES: readonly string[] = ["run-app.sh"];
export const STARTER_DIR = path.join("src", "sandbox-programs", "templates", "app-starter");

const DEV_DEPENDENCIES = ["typescript", "@types/react", "@types/react-dom", "@types/node"] as const;

/** npm's name rules: lower case, url-safe, at most 214 characters; "my-site" when the title has no letters. */
export function packageName(title: string): string {
  const slug = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "") // the accents NFKD split off: "é" → "e"
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  return slug || "my-site";
}

export function generatedPackageJson(spec: Pick<GenerationSpec, "brief">): Record<string, unknown> {
  const versions: Record<string, string> = starter.dependencies;
  const pick = (names: readonly string[]) => Object.fromEntries(names.map((n) => [n, versions[n]!]));
  return {
    name: packageName(spec.brief.title),
    version: "0.1.0",
    private: true,
    description: spec.brief.title,
    scripts: { dev: "next dev", build: "next build", start: "next start" },
    engines: { node: ">=20" },
    dependencies: pick(["next", "react", "react-dom"]),
    devDependencies: pick(DEV_DEPENDENCIES),
  };
}

export const TSCONFIG = {
  compilerOptions: {
    target: "ES2020",
    lib: ["dom", "dom.iterable", "esnext"],
    allowJs: false,
    skipLibCheck: true,
    strict: true,
    noEmit: true,
    esModuleInterop: true,
    module: "esnext",
    moduleResolution: "bundler",
    resolveJsonModule: true,
    isolatedModules: true,
    jsx: "react-jsx",
    incremental: true,
    plugins: [{ name: "next" }],
    paths: { "@/*": ["./*"] },
  },
  include: ["next-env.d.ts", "**/*.ts", "**/*.tsx", ".next/types/**/*.ts"],
  exclude: ["node_modules"],
};

const NEXT_CONFIG = `import type { NextConfig } from "next";

// Defaults on purpose: a plain Next.js app that \`npm run build\` and any Node host can run.
const nextConfig: NextConfig = {
  poweredByHeader: false,
};

export default nextConfig;
`;

const GITIGNORE = `node_modules/
.next/
out/
.env*.local
*.tsbuildinfo
next-env.d.ts
`;

/** package.json, tsconfig.json, next.config.ts and .gitignore for the spec's app. */
export function scaffoldFiles(spec: Pick<GenerationSpec, "brief">): GeneratedFile[] {
  return [
    { path: "package.json", content: `${JSON.stringify(generatedPackageJson(spec), null, 2)}\n` },
    { path: "tsconfig.json", content: `${JSON.stringify(TSCONFIG, null, 2)}\n` },
    { path: "next.config.ts", content: NEXT_CONFIG },
    { path: ".gitignore", content: GITIGNORE },
  ];
}
