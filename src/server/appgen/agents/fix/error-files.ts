/**
 * The app files a failing command's output names, in the formats `next build` and `tsc` print:
 * `./app/about/page.tsx:12:5`, `app/page.tsx(12,5): error TS2322`, Turbopack's `./app/page.tsx:3:1`
 * above a "Module not found" or "Parsing ecmascript source code failed", and webpack's
 * `Module not found: … in '/…/workspace/app/about'` (a folder: its page file is meant).
 */

export interface ErrorLocation {
  path: string;
  line?: number;
}

const SOURCE_ROOTS = "(?:app|components|lib)";
const FILE = new RegExp(`(?:^|[\\s'"(\`/])(?:\\.\\/)?(${SOURCE_ROOTS}\\/[\\w\\-.\\/\\[\\]()@]*?\\.(?:tsx|ts|jsx|js|mjs|css))(?:[:(](\\d+))?`, "gm");
const CONFIG = /(?:^|[\s'"(`/])(?:\.\/)?(next\.config\.(?:ts|mjs|js)|tsconfig\.json|package\.json)\b/gm;
const MODULE_IN_FOLDER = /Module not found:[^\n]*?\bin '(?:[^']*\/)?((?:app|components|lib)(?:\/[^'/]+)*)'/g;

export function filesNamedInErrors(output: string, known: ReadonlySet<string>): ErrorLocation[] {
  const found = new Map<string, ErrorLocation>();
  const add = (path: string, line?: number) => {
    const clean = path.replace(/^\.\//, "");
    if (!found.has(clean)) found.set(clean, line ? { path: clean, line } : { path: clean });
  };
  for (const m of output.matchAll(FILE)) add(m[1]!, m[2] ? Number(m[2]) : undefined);
  for (const m of output.matchAll(MODULE_IN_FOLDER)) {
    const page = `${m[1]}/page.tsx`;
    if (known.has(page)) add(page);
  }
  if (found.size === 0) for (const m of output.matchAll(CONFIG)) add(m[1]!);
  // Paths inside node_modules or .next match the pattern's tail; only the app's own files count.
  return [...found.values()].filter((loc) => known.has(loc.path));
}
