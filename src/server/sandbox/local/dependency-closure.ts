import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

export interface ResolvedPackage {
  name: string;
  version: string;
  /** Relative to the app's root, posix (`node_modules/a/node_modules/b`): the template keeps the same layout. */
  location: string;
}

interface PackageJson {
  version: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

function readPackage(dir: string): PackageJson {
  return JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as PackageJson;
}

/** Node's lookup: `<from>/node_modules/<name>`, then each enclosing package's, up to the app's root. */
function locate(appRoot: string, fromDir: string, name: string): string | null {
  let dir = fromDir;
  for (;;) {
    const candidate = path.join(dir, "node_modules", name);
    if (existsSync(path.join(candidate, "package.json"))) return candidate;
    if (path.resolve(dir) === path.resolve(appRoot)) return null;
    dir = enclosingPackageDir(appRoot, dir);
  }
}

/** `<root>/node_modules/a/node_modules/@s/b` → `<root>/node_modules/a`; `<root>/node_modules/a` → `<root>`. */
function enclosingPackageDir(appRoot: string, dir: string): string {
  const parts = path.relative(appRoot, dir).split(path.sep);
  const nm = parts.lastIndexOf("node_modules");
  return nm <= 0 ? appRoot : path.join(appRoot, ...parts.slice(0, nm));
}

/**
 * Every package a template needs, as the app's own node_modules holds them: its dependencies (at the
 * exact version the template pins), their dependencies, and the optional ones that are installed (the
 * platform binary of `@napi-rs/canvas`). Nothing is fetched: a package the app lacks is an error.
 */
export function resolveDependencyClosure(appRoot: string, dependencies: Record<string, string>): ResolvedPackage[] {
  const found = new Map<string, ResolvedPackage>();
  const queue: { from: string; name: string; optional: boolean; wanted?: string }[] = Object.entries(dependencies).map(
    ([name, wanted]) => ({ from: appRoot, name, optional: false, wanted }),
  );
  while (queue.length > 0) {
    const next = queue.shift()!;
    const dir = locate(appRoot, next.from, next.name);
    if (!dir) {
      if (next.optional) continue;
      throw new Error(`The app's node_modules has no ${next.name}, which the template needs`);
    }
    const location = path.relative(appRoot, dir).split(path.sep).join("/");
    if (found.has(location)) continue;
    const pkg = readPackage(dir);
    if (next.wanted && next.wanted !== pkg.version) {
      throw new Error(`The template pins ${next.name} ${next.wanted} but the app has ${pkg.version}; pin the app's version`);
    }
    found.set(location, { name: next.name, version: pkg.version, location });
    for (const name of Object.keys(pkg.dependencies ?? {})) queue.push({ from: dir, name, optional: false });
    for (const name of Object.keys(pkg.optionalDependencies ?? {})) queue.push({ from: dir, name, optional: true });
  }
  return [...found.values()].sort((a, b) => a.location.localeCompare(b.location));
}
