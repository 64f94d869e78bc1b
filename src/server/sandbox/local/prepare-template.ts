import { createHash, randomUUID } from "node:crypto";
import { constants } from "node:fs";
import { cp, mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { READY_MARKER } from "../templates";
import type { TemplateSource } from "../template-source";
import { resolveDependencyClosure, type ResolvedPackage } from "./dependency-closure";

export interface LocalTemplatePlan {
  source: TemplateSource;
  packages: ResolvedPackage[];
  /** sha256 of the template's files, every copied package@version, and Node's major version. */
  hash: string;
}

export function planLocalTemplate(source: TemplateSource, appRoot = process.cwd()): LocalTemplatePlan {
  const packages = resolveDependencyClosure(appRoot, source.dependencies);
  const hash = createHash("sha256")
    .update(
      JSON.stringify({
        files: source.files.map((f) => [f.path, createHash("sha256").update(f.content).digest("hex")]),
        packages: packages.map((p) => `${p.location}@${p.version}`),
        node: process.versions.node.split(".")[0],
      }),
    )
    .digest("hex");
  return { source, packages, hash };
}

/** The hash in a template directory's ready marker, or null when it is absent (never prepared, or half-made). */
export async function readyHash(dir: string): Promise<string | null> {
  try {
    return (JSON.parse(await readFile(path.join(dir, READY_MARKER), "utf8")) as { hash: string }).hash;
  } catch {
    return null;
  }
}

/** A prepared directory swapped in; the one it replaced is kept aside until verification decides. */
export interface PreparedTemplate {
  dir: string;
  previousDir: string | null;
}

/**
 * Builds the template in a temp directory beside its final place (files, then the packages copied from
 * the app's node_modules, then the ready marker last), then renames it into place. Renames in one
 * directory are atomic, so a reader sees the old template or the new one, never half of either.
 */
export async function prepareLocalTemplate(plan: LocalTemplatePlan, opts: { root: string; appRoot?: string }): Promise<PreparedTemplate> {
  const appRoot = opts.appRoot ?? process.cwd();
  const name = plan.source.config.name;
  await mkdir(opts.root, { recursive: true });
  const temp = await mkdtemp(path.join(opts.root, `.build-${name}-`));
  try {
    for (const file of plan.source.files) {
      await mkdir(path.dirname(path.join(temp, file.path)), { recursive: true });
      await writeFile(path.join(temp, file.path), file.content);
    }
    for (const pkg of plan.packages) {
      const from = path.join(appRoot, pkg.location);
      // Nested node_modules are copied as packages of their own, only when something needs them.
      await cp(from, path.join(temp, pkg.location), {
        recursive: true,
        verbatimSymlinks: true,
        mode: constants.COPYFILE_FICLONE,
        filter: (src) => !path.relative(from, src).split(path.sep).includes("node_modules"),
      });
    }
    await writeFile(path.join(temp, READY_MARKER), JSON.stringify({ template: name, hash: plan.hash }));
    const dir = path.join(opts.root, name);
    const aside = path.join(opts.root, `.previous-${name}-${randomUUID().slice(0, 8)}`);
    const previousDir = await rename(dir, aside).then(
      () => aside,
      (err: NodeJS.ErrnoException) => {
        if (err.code === "ENOENT") return null;
        throw err;
      },
    );
    await rename(temp, dir);
    return { dir, previousDir };
  } catch (err) {
    await rm(temp, { recursive: true, force: true });
    throw err;
  }
}

/** Verification passed: the replaced template goes. */
export async function keepPreparedTemplate(prepared: PreparedTemplate): Promise<void> {
  if (prepared.previousDir) await rm(prepared.previousDir, { recursive: true, force: true });
}

/** Verification failed: the new template goes and the one it replaced comes back, untouched. */
export async function restorePreviousTemplate(prepared: PreparedTemplate): Promise<void> {
  await rm(prepared.dir, { recursive: true, force: true });
  if (prepared.previousDir) await rename(prepared.previousDir, prepared.dir);
}

/** What a build that died half-way left beside the templates (builds are serialized, so none is in use). */
export async function removeLeftovers(root: string): Promise<void> {
  const names = await readdir(root).catch(() => [] as string[]);
  for (const name of names.filter((n) => n.startsWith(".build-") || n.startsWith(".previous-"))) {
    await rm(path.join(root, name), { recursive: true, force: true });
  }
}
