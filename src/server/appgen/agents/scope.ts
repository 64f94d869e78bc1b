import type { PageSpec } from "../spec";
import { findDatabaseCode } from "./database-code";
import type { GeneratedFile, RejectedFile } from "./types";

/**
 * What an agent may write, checked on the files themselves before any reaches the sandbox: a model
 * told "only this page" can still answer with `prisma/schema.prisma` or `../../etc/passwd`.
 * Patterns are workspace-relative globs (`*` within a segment, `**` across segments).
 */
export interface AgentScope {
  name: string;
  patterns: readonly string[];
}

/** A converted 200 kB preview can grow 2–3× as JSX; the caps leave room for that and stop nothing else. */
export const FILE_MAX_BYTES = 1_000_000;
export const TOTAL_MAX_BYTES = 8_000_000;
export const MAX_FILES = 120;
const PATH_MAX_CHARS = 200;

/** The route's own `page.tsx`: "/" → `app/page.tsx`, "/pricing/plans" → `app/pricing/plans/page.tsx`. */
export function pageFilePath(route: string): string {
  return route === "/" ? "app/page.tsx" : `app${route}/page.tsx`;
}

export function pageScope(page: Pick<PageSpec, "pageId" | "route">): AgentScope {
  return { name: `page ${page.pageId}`, patterns: [pageFilePath(page.route), `components/pages/${page.pageId}/**`] };
}

export const INTEGRATION_SCOPE: AgentScope = {
  name: "integration",
  patterns: [
    "app/layout.tsx",
    "app/globals.css",
    "app/not-found.tsx",
    "app/api/**/route.ts",
    "components/site/**",
    "lib/**",
    "public/**",
    "README.md",
    ".env.example",
  ],
};

/** The fixer may touch any source or config file of the app, never the scripts it ships or hidden folders. */
export const FIX_SCOPE: AgentScope = {
  name: "fix",
  patterns: [
    ...INTEGRATION_SCOPE.patterns,
    "app/page.tsx",
    "app/**/page.tsx",
    "components/**",
    "package.json",
    "tsconfig.json",
    "next.config.ts",
    "next-env.d.ts",
  ],
};

function globToRegExp(glob: string): RegExp {
  const source = glob
    .split(/(\*\*\/|\*\*|\*)/)
    .map((part) => {
      if (part === "**/") return "(?:[^/]+/)*";
      if (part === "**") return ".*";
      if (part === "*") return "[^/]*";
      return part.replace(/[.+?^${}()|[\]\\]/g, "\\$&");
    })
    .join("");
  return new RegExp(`^${source}$`);
}

/** Why a path is not a normalized, workspace-relative posix path; null when it is one. */
export function malformedPathReason(path: string): string | null {
  if (path.length === 0) return "empty path";
  if (path.length > PATH_MAX_CHARS) return `path longer than ${PATH_MAX_CHARS} characters`;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
  if (/[\u0000-\u001f\u007f]/.test(path)) return "control character (NUL, newline…) in path";
  if (path.includes("\\")) return "backslash in path (posix paths only)";
  if (path.startsWith("/") || /^[a-zA-Z]:/.test(path)) return "absolute path";
  const segments = path.split("/");
  if (segments.includes("..")) return "'..' in path";
  if (segments.includes(".")) return "'.' segment in path";
  if (segments.includes("")) return "empty segment in path";
  return null;
}

/** DB models, ORM config and migrations are refused by name wherever they would go. */
export function databasePathReason(path: string): string | null {
  const segments = path.toLowerCase().split("/");
  const base = segments[segments.length - 1]!;
  const dirs = segments.slice(0, -1);
  const folder = dirs.find((d) => ["prisma", "drizzle", "migrations", "migration", "models", "seeders"].includes(d));
  if (folder) return `database folder '${folder}/'`;
  if (base.endsWith(".sql") || base.endsWith(".prisma")) return `database file '${base}'`;
  if (/^(drizzle|knexfile|ormconfig|typeorm|sequelize|mikro-orm)(\.config)?\.[a-z]+$/.test(base) || /^\.sequelizerc$/.test(base)) {
    return `ORM config '${base}'`;
  }
  const db = segments.indexOf("db");
  if (db >= 0 && segments.slice(db + 1).some((s) => s.startsWith("schema"))) return "database schema under 'db/'";
  return null;
}

/** Splits an agent's files into those it may write and the rest, each with the reason. */
export function checkAgentFiles(files: readonly GeneratedFile[], scope: AgentScope): { accepted: GeneratedFile[]; rejected: RejectedFile[] } {
  const allowed = scope.patterns.map(globToRegExp);
  const accepted: GeneratedFile[] = [];
  const rejected: RejectedFile[] = [];
  const seen = new Set<string>();
  let total = 0;
  for (const file of files) {
    const reason = rejectionReason(file, { allowed, scope, seen, total });
    if (reason) {
      rejected.push({ path: file.path, reason });
      continue;
    }
    seen.add(file.path);
    total += Buffer.byteLength(file.content, "utf8");
    accepted.push(file);
  }
  return { accepted, rejected };
}

function rejectionReason(
  file: GeneratedFile,
  ctx: { allowed: RegExp[]; scope: AgentScope; seen: Set<string>; total: number },
): string | null {
  if (typeof file.path !== "string" || typeof file.content !== "string") return "not a { path, content } pair of strings";
  const malformed = malformedPathReason(file.path);
  if (malformed) return malformed;
  const database = databasePathReason(file.path);
  if (database) return `${database}: generated apps have no database models, ORM or migrations`;
  if (!ctx.allowed.some((re) => re.test(file.path))) return `outside the ${ctx.scope.name} agent's files`;
  if (ctx.seen.has(file.path)) return "written twice in one answer";
  if (ctx.seen.size >= MAX_FILES) return `more than ${MAX_FILES} files in one answer`;
  const bytes = Buffer.byteLength(file.content, "utf8");
  if (bytes > FILE_MAX_BYTES) return `larger than ${FILE_MAX_BYTES / 1000} kB`;
  if (ctx.total + bytes > TOTAL_MAX_BYTES) return `the answer's files pass ${TOTAL_MAX_BYTES / 1_000_000} MB in all`;
  const code = findDatabaseCode(file);
  if (code) return `${code}: generated apps have no database models, ORM or migrations`;
  return null;
}
