import { randomBytes } from "node:crypto";
import { rename, rm, stat } from "node:fs/promises";
import {
  createSandboxDir,
  findSandboxDir,
  forgetGroup,
  type LocalSandboxDir,
  listSandboxIds,
  recordedGroups,
  recordGroup,
  requireSandboxDir,
} from "./local-sandbox-dir";
import { readSandboxFiles, writeSandboxFiles } from "./local-files";
import { requireReadyTemplate } from "./local-templates";
import { buildSandboxEnv, checkSandboxPath, resolveInside } from "./paths";
import { killProcesses } from "./process-tree";
import { runCommand } from "./run-command";
import { type SandboxExecOptions, SandboxGoneError, type SandboxSessions } from "./types";

export interface LocalSessionsOptions {
  /** Parent of the sandbox directories. */
  sandboxesDir: string;
  /** Parent of the prepared templates (`localTemplatesRoot()` in the app). */
  templatesDir: string;
  outputCapBytes: number;
}

/**
 * Every process an exec starts inherits `AIGENCY_SANDBOX_RUN=<sandbox id>/<run id>`, which is how
 * the ones that escape the process group (setsid, nohup) are found again to be killed.
 */
export const SANDBOX_RUN_ENV = "AIGENCY_SANDBOX_RUN";

/** Embedded sandboxes kept across steps: one directory each, found again by id from any process. */
export function createLocalSessions(opts: LocalSessionsOptions): SandboxSessions {
  const deleteSandbox = async (dir: LocalSandboxDir) => {
    // Renamed first: the id stops resolving at once, for this and every other process.
    const tomb = `${dir.root}.deleting-${randomBytes(4).toString("hex")}`;
    const moved = await rename(dir.root, tomb).then(
      () => true,
      () => false,
    );
    if (!moved) return false;
    await killProcesses({
      environStartsWith: `${SANDBOX_RUN_ENV}=${dir.id}/`,
      cwdInside: tomb,
      groups: await recordedGroups({ ...dir, root: tomb }),
    });
    await rm(tomb, { recursive: true, force: true });
    return true;
  };

  const sweepExpired = async () => {
    for (const id of await listSandboxIds(opts.sandboxesDir)) {
      const dir = await findSandboxDir(opts.sandboxesDir, id);
      if (dir?.meta.expiresAt && Date.parse(dir.meta.expiresAt) < Date.now()) await deleteSandbox(dir);
    }
  };

  return {
    async create({ labels, template, maxLifetimeMinutes }) {
      const templateDir = template ? await requireReadyTemplate(opts.templatesDir, template) : null;
      // The local stand-in for Daytona's auto-delete: whoever creates next clears the expired.
      await sweepExpired();
      const now = Date.now();
      const dir = await createSandboxDir(opts.sandboxesDir, {
        labels: { ...labels, app: "aigency" },
        template: template ?? null,
        templateDir,
        createdAt: new Date(now).toISOString(),
        expiresAt: maxLifetimeMinutes ? new Date(now + maxLifetimeMinutes * 60_000).toISOString() : null,
      });
      return { id: dir.id, snapshot: template ?? null };
    },

    async upload(id, files) {
      files.forEach((f) => checkSandboxPath(f.path));
      const dir = await requireSandboxDir(opts.sandboxesDir, id);
      await writeSandboxFiles(dir.workDir, files);
    },

    async exec(id, exec) {
      const dir = await requireSandboxDir(opts.sandboxesDir, id);
      return execInSandbox(dir, exec, opts);
    },

    async download(id, paths, limits) {
      paths.forEach(checkSandboxPath);
      const dir = await requireSandboxDir(opts.sandboxesDir, id);
      return readSandboxFiles(dir.workDir, paths, { limits, outside: "refuse" });
    },

    async delete(id) {
      const dir = await findSandboxDir(opts.sandboxesDir, id);
      return dir ? deleteSandbox(dir) : false;
    },

    async findByLabels(labels) {
      const ids: string[] = [];
      for (const id of await listSandboxIds(opts.sandboxesDir)) {
        const dir = await findSandboxDir(opts.sandboxesDir, id);
        if (dir && Object.entries(labels).every(([k, v]) => dir.meta.labels[k] === v)) ids.push(id);
      }
      return ids;
    },

    async findLabelled(key) {
      const found: { id: string; labels: Record<string, string> }[] = [];
      for (const id of await listSandboxIds(opts.sandboxesDir)) {
        const dir = await findSandboxDir(opts.sandboxesDir, id);
        if (dir && key in dir.meta.labels) found.push({ id, labels: dir.meta.labels });
      }
      return found;
    },
  };
}

async function execInSandbox(dir: LocalSandboxDir, exec: SandboxExecOptions, opts: LocalSessionsOptions) {
  const cwd = exec.cwd && exec.cwd !== "." ? resolveInside(dir.workDir, exec.cwd) : dir.workDir;
  if (!(await stat(cwd).catch(() => null))?.isDirectory()) {
    throw new Error(`Sandbox ${dir.id} has no directory ${JSON.stringify(exec.cwd)} to run in`);
  }
  const runMarker = `${dir.id}/${randomBytes(6).toString("hex")}`;
  const env = buildSandboxEnv(dir.root, {
    ...exec.env,
    ...(dir.meta.templateDir ? { AIGENCY_TEMPLATE_DIR: dir.meta.templateDir } : {}),
    [SANDBOX_RUN_ENV]: runMarker,
  });
  const started = Date.now();
  let deletedMeanwhile = false;
  let pgid: number | undefined;
  // Its marker finds what left the group; its cwd finds what also dropped the marker (env -i). A
  // sandbox runs one command at a time, so anything still working inside it is this command's.
  const endTree = (group: number) =>
    killProcesses({
      environStartsWith: `${SANDBOX_RUN_ENV}=${runMarker}`,
      cwdInside: dir.root,
      groups: [{ pgid: group, startTime: null }],
    });
  const outcome = await runCommand({
    command: exec.command,
    cwd,
    env,
    timeoutMs: Math.max(1, exec.timeoutSeconds) * 1000,
    outputCapBytes: opts.outputCapBytes,
    onStart: (group) => {
      pgid = group;
      return recordGroup(dir, group).catch(() => {
        deletedMeanwhile = true;
        return endTree(group);
      });
    },
    // On timeout, and as soon as the shell exits: nothing the command started outlives it.
    endTree,
  });
  if (pgid) await forgetGroup(dir, pgid);
  // Deleted while it ran (a cancellation): the command was killed and its result means nothing.
  if (deletedMeanwhile || !(await findSandboxDir(opts.sandboxesDir, dir.id))) throw new SandboxGoneError(dir.id);
  return { ...outcome, durationMs: Date.now() - started };
}
