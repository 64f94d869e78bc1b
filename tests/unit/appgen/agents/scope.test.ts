import { describe, expect, it } from "vitest";
import { FILE_MAX_BYTES, FIX_SCOPE, INTEGRATION_SCOPE, MAX_FILES, TOTAL_MAX_BYTES, checkAgentFiles, pageFilePath, pageScope } from "@/server/appgen/agents/scope";
import type { AgentScope } from "@/server/appgen/agents/scope";

const about = pageScope({ pageId: "about", route: "/about" });
const home = pageScope({ pageId: "home", route: "/" });
const file = (path: string, content = "export default function X() { return null; }\n") => ({ path, content });
const verdict = (scope: AgentScope, path: string, content?: string) => {
  const { accepted, rejected } = checkAgentFiles([file(path, content)], scope);
  return accepted.length === 1 ? "accepted" : rejected[0]!.reason;
};

describe("pageScope", () => {
  it("maps routes to their page files", () => {
    expect(pageFilePath("/")).toBe("app/page.tsx");
    expect(pageFilePath("/about")).toBe("app/about/page.tsx");
    expect(pageFilePath("/pricing/plans")).toBe("app/pricing/plans/page.tsx");
  });

  it.each([
    [home, "app/page.tsx"],
    [about, "app/about/page.tsx"],
    [about, "components/pages/about/hero.tsx"],
    [about, "components/pages/about/parts/card.css"],
  ])("lets a page agent write its own file %#", (scope, path) => expect(verdict(scope, path)).toBe("accepted"));

  it.each([
    [about, "app/page.tsx"],
    [home, "app/about/page.tsx"],
    [about, "app/about/layout.tsx"],
    [about, "app/about/team/page.tsx"],
    [about, "components/pages/home/hero.tsx"],
    [about, "components/pages/aboutx/hero.tsx"],
    [about, "app/layout.tsx"],
    [about, "app/api/actions/signup/route.ts"],
    [about, "package.json"],
    [about, ".env"],
  ])("keeps a page agent out of others' files %#", (scope, path) => expect(verdict(scope, path)).toMatch(/outside the page/));
});

describe("path shape", () => {
  it.each([
    ["", /empty path/],
    ["/app/page.tsx", /absolute/],
    ["C:/app/page.tsx", /absolute/],
    ["app/../app/page.tsx", /'\.\.'/],
    ["../outside/page.tsx", /'\.\.'/],
    ["./app/page.tsx", /'\.' segment/],
    ["app//page.tsx", /empty segment/],
    ["app/about/", /empty segment/],
    ["app\\page.tsx", /backslash/],
    ["app/page.tsx\u0000.png", /control character/],
    ["app/pa\nge.tsx", /control character/],
    [`components/pages/about/${"a".repeat(200)}.tsx`, /longer than/],
  ])("refuses %j", (path, reason) => expect(verdict(FIX_SCOPE, path)).toMatch(reason));

  it("refuses a file whose path or content is not a string", () => {
    const { rejected } = checkAgentFiles([{ path: 3 as unknown as string, content: "x" }, { path: "lib/a.ts", content: null as unknown as string }], FIX_SCOPE);
    expect(rejected.map((r) => r.reason)).toEqual([expect.stringMatching(/strings/), expect.stringMatching(/strings/)]);
  });
});

describe("database files by path", () => {
  it.each([
    "prisma/schema.prisma",
    "lib/schema.prisma",
    "lib/prisma/client.ts",
    "lib/drizzle/schema.ts",
    "drizzle.config.ts",
    "lib/migrations/001_init.ts",
    "public/seed.sql",
    "lib/models/user.ts",
    "components/site/models/user.ts",
    "lib/db/schema.ts",
    "lib/db/schema/users.ts",
    "lib/knexfile.js",
    "lib/ormconfig.json",
  ])("refuses %s in every scope", (path) => {
    for (const scope of [FIX_SCOPE, INTEGRATION_SCOPE]) expect(verdict(scope, path)).toMatch(/no database models/);
  });

  it("allows a db-free lib file that merely mentions a model", () => {
    expect(verdict(INTEGRATION_SCOPE, "lib/model-names.ts", "export const x = 'prisma is not used here';\n")).toBe("accepted");
  });
});

describe("database code by content", () => {
  it.each([
    'import { PrismaClient } from "@prisma/client";',
    "import { PrismaClient } from '@prisma/client/edge';",
    'import { drizzle } from "drizzle-orm/node-postgres";',
    'import { pgTable } from "drizzle-orm/pg-core";',
    'import { DataSource } from "typeorm";',
    'import { Sequelize } from "sequelize";',
    'import mongoose from "mongoose";',
    'const knex = require("knex")({ client: "pg" });',
    'import { Pool } from "pg";',
    'import postgres from "postgres";',
    'const mysql = await import("mysql2/promise");',
    'import Database from "better-sqlite3";',
    'import "pg";',
  ])("refuses %s", (source) => {
    expect(verdict(INTEGRATION_SCOPE, "app/api/actions/signup/route.ts", `${source}\nexport async function POST() {}\n`)).toMatch(/imports the database package/);
  });

  it("does not mistake look-alike packages or prose for database imports", () => {
    const source = 'import pgFormat from "pg-format";\nimport { x } from "./postgres-notes";\n// we never import from "prisma" here\nexport const y = x;\n';
    // The comment's "from \"prisma\"" reads like an import: the check is cautious by design.
    expect(verdict(INTEGRATION_SCOPE, "lib/a.ts", source.replace("// we never import from \"prisma\" here\n", ""))).toBe("accepted");
    expect(verdict(INTEGRATION_SCOPE, "README.md", 'Run `import x from "prisma"` nowhere.')).toBe("accepted");
  });

  it.each([
    [{ dependencies: { next: "16.4.5", "@prisma/client": "6.0.0" } }, /dependencies include the database package '@prisma\/client'/],
    [{ devDependencies: { "drizzle-kit": "0.31.0" } }, /devDependencies include/],
    [{ optionalDependencies: { pg: "8.0.0" } }, /optionalDependencies include/],
    [{ dependencies: { "@mikro-orm/postgresql": "6.0.0" } }, /@mikro-orm/],
    [{ scripts: { migrate: "prisma migrate deploy" } }, /script 'migrate' runs a database tool/],
  ])("refuses a package.json with database dependencies %#", (manifest, reason) => {
    expect(verdict(FIX_SCOPE, "package.json", JSON.stringify(manifest))).toMatch(reason);
  });

  it("accepts a clean package.json and refuses a broken one", () => {
    expect(verdict(FIX_SCOPE, "package.json", JSON.stringify({ dependencies: { next: "16.4.5", "pg-format": "1.0.0" } }))).toBe("accepted");
    expect(verdict(FIX_SCOPE, "package.json", "{ not json")).toMatch(/not valid JSON/);
  });
});

describe("integration and fix scopes", () => {
  it.each([
    "app/layout.tsx",
    "app/globals.css",
    "app/not-found.tsx",
    "app/api/actions/signup/route.ts",
    "app/api/health/route.ts",
    "components/site/site-nav.tsx",
    "lib/actions.ts",
    "public/robots.txt",
    "README.md",
    ".env.example",
  ])("integration writes %s", (path) => expect(verdict(INTEGRATION_SCOPE, path)).toBe("accepted"));

  it.each(["app/page.tsx", "app/about/page.tsx", "components/pages/home/a.tsx", "package.json", ".env", "run-app.sh", "app/api/actions/x/handler.ts"])(
    "integration may not write %s",
    (path) => expect(verdict(INTEGRATION_SCOPE, path)).toMatch(/outside the integration/),
  );

  it.each(["app/page.tsx", "app/about/page.tsx", "components/pages/home/a.tsx", "package.json", "tsconfig.json", "next.config.ts", "app/layout.tsx"])(
    "the fixer may write %s",
    (path) => expect(verdict(FIX_SCOPE, path, "{}")).toBe("accepted"),
  );

  it.each([".env", "run-app.sh", "run-app.bat", ".git/config", "node_modules/next/index.js", ".next/server/x.js", "Dockerfile"])(
    "the fixer may not write %s",
    (path) => expect(verdict(FIX_SCOPE, path)).toMatch(/outside the fix/),
  );
});

describe("caps", () => {
  it("refuses a file over the per-file cap and keeps the rest", () => {
    const { accepted, rejected } = checkAgentFiles([file("lib/big.ts", "x".repeat(FILE_MAX_BYTES + 1)), file("lib/small.ts")], FIX_SCOPE);
    expect(accepted.map((f) => f.path)).toEqual(["lib/small.ts"]);
    expect(rejected).toEqual([{ path: "lib/big.ts", reason: expect.stringMatching(/larger than/) }]);
  });

  it("counts multi-byte characters as bytes", () => {
    expect(verdict(FIX_SCOPE, "lib/e.ts", "é".repeat(FILE_MAX_BYTES / 2 + 1))).toMatch(/larger than/);
  });

  it("refuses the files that pass the total cap", () => {
    const chunk = "y".repeat(FILE_MAX_BYTES);
    const files = Array.from({ length: Math.ceil(TOTAL_MAX_BYTES / FILE_MAX_BYTES) + 1 }, (_, i) => file(`lib/f${i}.ts`, chunk));
    const { accepted, rejected } = checkAgentFiles(files, FIX_SCOPE);
    expect(accepted.length * FILE_MAX_BYTES).toBeLessThanOrEqual(TOTAL_MAX_BYTES);
    expect(rejected.length).toBe(files.length - accepted.length);
    expect(rejected.every((r) => /in all/.test(r.reason))).toBe(true);
  });

  it("refuses the files past the file-count cap and a path written twice", () => {
    const files = Array.from({ length: MAX_FILES + 2 }, (_, i) => file(`lib/f${i}.ts`, "x"));
    expect(checkAgentFiles(files, FIX_SCOPE).rejected.map((r) => r.reason)).toEqual([expect.stringMatching(/more than/), expect.stringMatching(/more than/)]);
    const twice = checkAgentFiles([file("lib/a.ts", "1"), file("lib/a.ts", "2")], FIX_SCOPE);
    expect(twice.accepted).toEqual([file("lib/a.ts", "1")]);
    expect(twice.rejected).toEqual([{ path: "lib/a.ts", reason: "written twice in one answer" }]);
  });
});
