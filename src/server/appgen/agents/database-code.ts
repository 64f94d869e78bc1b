import type { GeneratedFile } from "./types";

/** Database clients and ORMs a generated app may not use (plan 004: API routes yes, DB models no). */
export const DATABASE_PACKAGES = [
  "@prisma/client",
  "prisma",
  "drizzle-orm",
  "drizzle-kit",
  "typeorm",
  "sequelize",
  "mongoose",
  "mongodb",
  "knex",
  "kysely",
  "pg",
  "postgres",
  "mysql",
  "mysql2",
  "sqlite3",
  "better-sqlite3",
  "@libsql/client",
  "@neondatabase/serverless",
  "@vercel/postgres",
  "@planetscale/database",
  "@mikro-orm/core",
] as const;

const PACKAGE_SET = new Set<string>(DATABASE_PACKAGES);
const MIGRATION_SCRIPT = /\b(prisma|drizzle-kit|knex\s+migrate|sequelize(-cli)?\s+db:|typeorm\s+migration)\b/;

/** The package a module specifier names: `pg/lib/x` → `pg`, `@prisma/client/edge` → `@prisma/client`. */
function packageOf(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!;
}

/** Every module a source file imports, requires or dynamically imports (string literals only). */
export function importedModules(source: string): string[] {
  const found: string[] = [];
  const patterns = [
    /\bfrom\s*["']([^"'\n]+)["']/g,
    /\bimport\s*["']([^"'\n]+)["']/g,
    /\bimport\s*\(\s*["'`]([^"'`\n]+)["'`]\s*\)/g,
    /\brequire\s*\(\s*["'`]([^"'`\n]+)["'`]\s*\)/g,
  ];
  for (const re of patterns) for (const m of source.matchAll(re)) found.push(m[1]!);
  return found;
}

function packageJsonReason(content: string): string | null {
  let manifest: unknown;
  try {
    manifest = JSON.parse(content);
  } catch {
    return "package.json is not valid JSON";
  }
  if (!manifest || typeof manifest !== "object") return "package.json is not an object";
  const record = manifest as Record<string, unknown>;
  for (const field of ["dependencies", "devDependencies", "peerDependencies", "optionalDependencies"]) {
    const deps = record[field];
    if (!deps || typeof deps !== "object") continue;
    const hit = Object.keys(deps).find((name) => PACKAGE_SET.has(name) || name.startsWith("@mikro-orm/"));
    if (hit) return `package.json ${field} include the database package '${hit}'`;
  }
  const scripts = record.scripts && typeof record.scripts === "object" ? Object.entries(record.scripts as Record<string, unknown>) : [];
  const script = scripts.find(([, cmd]) => typeof cmd === "string" && MIGRATION_SCRIPT.test(cmd));
  if (script) return `package.json script '${script[0]}' runs a database tool`;
  return null;
}

/** Why a file's content is database code (an ORM import, a DB dependency); null when it is not. */
export function findDatabaseCode(file: GeneratedFile): string | null {
  if (file.path === "package.json" || file.path.endsWith("/package.json")) return packageJsonReason(file.content);
  if (!/\.(m|c)?(t|j)sx?$/.test(file.path)) return null;
  const hit = importedModules(file.content).find((spec) => PACKAGE_SET.has(packageOf(spec)) || spec.startsWith("@mikro-orm/"));
  return hit ? `imports the database package '${hit}'` : null;
}
