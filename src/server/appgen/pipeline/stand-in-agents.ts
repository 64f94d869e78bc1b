import { readFileSync } from "node:fs";
import path from "node:path";
import type { AgentOutput, GeneratedFile, RejectedFile } from "../agents/types";
import type { PageSpec } from "../spec";
import type { AgentScope, PipelineAgents } from "./agents";

/**
 * STAND-IN until the agents branch lands (then deleted): one trivial page component per page, a plain
 * layout, and a fixer that changes nothing, so the pipeline runs end to end on real files.
 */
export const pageFile = (route: string) => (route === "/" ? "app/page.tsx" : `app${route}/page.tsx`);
const output = (files: GeneratedFile[], summary: string): AgentOutput => ({ files, generator: "offline", inputTokens: 0, outputTokens: 0, summary });
const component = (page: PageSpec) =>
  `export default function Page() {\n  return (\n    <main>\n      <h1>{${JSON.stringify(page.name)}}</h1>\n    </main>\n  );\n}\n`;
const FORBIDDEN = /(^|\/)(prisma|drizzle|migrations)(\/|$)|schema\.prisma$|drizzle\.config\.|\.sql$|typeorm|sequelize|mongoose|knex/i;
const SHARED = [/^app\/(layout\.tsx|globals\.css|not-found\.tsx)$/, /^app\/api\/.+\/route\.ts$/, /^components\/site\//, /^lib\//, /^public\//, /^README\.md$/, /^\.env\.example$/];

function allowed(scope: AgentScope, p: string): string | null {
  if (p.startsWith("/") || p.split("/").includes("..") || p.includes("\\")) return "the path leaves the workspace";
  if (FORBIDDEN.test(p)) return "database models, ORM and migration files are not allowed";
  if (scope.kind === "page") {
    return p === pageFile(scope.page.route) || p.startsWith(`components/pages/${scope.page.pageId}/`) ? null : `outside page ${scope.page.pageId}'s files`;
  }
  if (scope.kind === "integration") return SHARED.some((r) => r.test(p)) ? null : "outside the integration agent's files";
  return p === "package.json" || p.startsWith("node_modules/") ? "the fixer may not change dependencies" : null;
}

export const standInAgents: PipelineAgents = {
  page: async (_llm, { page }) => output([{ path: pageFile(page.route), content: component(page) }], `page ${page.pageId}: one component`),
  integration: async (_llm, { spec }) =>
    output(
      [
        { path: "app/layout.tsx", content: `import "./globals.css";\nimport type { ReactNode } from "react";\n\nexport default function RootLayout({ children }: { children: ReactNode }) {\n  return (\n    <html lang="en">\n      <body>{children}</body>\n    </html>\n  );\n}\n` },
        { path: "app/globals.css", content: `:root {\n  --color-primary: ${spec.style.palette[0] ?? "#222"};\n}\n` },
      ],
      "layout and theme tokens",
    ),
  fix: async () => output([], "no change"),
  checkFiles(scope, files) {
    const accepted: GeneratedFile[] = [];
    const rejected: RejectedFile[] = [];
    for (const f of files) {
      const reason = allowed(scope, f.path);
      if (reason) rejected.push({ path: f.path, reason });
      else accepted.push(f);
    }
    return { accepted, rejected };
  },
  packageJson() {
    const template = JSON.parse(readFileSync(path.join(process.cwd(), "src/sandbox-programs/templates/app-starter/package.json"), "utf8")) as { dependencies: Record<string, string> };
    const d = template.dependencies;
    const pick = (names: string[]) => Object.fromEntries(names.map((n) => [n, d[n]!]));
    return `${JSON.stringify(
      {
        name: "generated-app",
        private: true,
        scripts: { dev: "next dev", build: "next build", start: "next start" },
        dependencies: pick(["next", "react", "react-dom"]),
        devDependencies: pick(["typescript", "@types/react", "@types/react-dom", "@types/node"]),
      },
      null,
      2,
    )}\n`;
  },
};
