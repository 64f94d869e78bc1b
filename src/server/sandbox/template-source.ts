import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { TemplateConfig } from "./templates";

export interface TemplateFile {
  /** Posix path relative to the template directory. */
  path: string;
  content: Buffer;
}

export interface TemplateSource {
  config: TemplateConfig;
  files: TemplateFile[];
  dependencies: Record<string, string>;
  /** Required rules files plus every rules/*.md in the source, sorted. */
  rulesFiles: string[];
  hasLockfile: boolean;
}

async function listFiles(root: string, dir = ""): Promise<string[]> {
  const entries = await readdir(path.join(root, dir), { withFileTypes: true });
  const out: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    // Installed modules are the build's output, never part of the source.
    if (entry.name === "node_modules") continue;
    const relative = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await listFiles(root, relative)));
    else if (entry.isFile()) out.push(relative);
  }
  return out;
}

/** Reads a template's source files (sorted, so the recipe hash is stable) and what it depends on. */
export async function readTemplateSource(config: TemplateConfig, appRoot = process.cwd()): Promise<TemplateSource> {
  const root = path.resolve(appRoot, config.sourceDir);
  const names = await listFiles(root);
  const files = await Promise.all(names.map(async (p) => ({ path: p, content: await readFile(path.join(root, p)) })));
  const pkgFile = files.find((f) => f.path === "package.json");
  if (!pkgFile) throw new Error(`Template "${config.name}" has no package.json`);
  const pkg = JSON.parse(pkgFile.content.toString("utf8")) as { dependencies?: Record<string, string> };
  const found = names.filter((p) => /^rules\/[^/]+\.md$/.test(p));
  return {
    config,
    files,
    dependencies: pkg.dependencies ?? {},
    rulesFiles: [...new Set([...config.rulesFiles, ...found])].sort(),
    hasLockfile: names.includes("package-lock.json"),
  };
}
