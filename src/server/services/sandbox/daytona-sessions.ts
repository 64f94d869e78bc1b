import path from "node:path";
import type { Daytona, Sandbox } from "@daytonaio/sdk";
import { downloadFromDaytona, uploadToDaytona } from "./daytona-files";
import { executeInDaytona } from "./daytona-exec";
import { type DaytonaRetryPolicy, httpStatus, withDaytonaRetry } from "./daytona-retry";
import { checkSandboxPath } from "./paths";
import { SandboxGoneError, type SandboxSessions } from "./types";

/** Where the snapshot builder bakes template `<name>` into the Daytona image. */
export const DAYTONA_TEMPLATE_ROOT = "/opt/aigency/templates";
/** The template a sandbox was made from travels with it, so any process can set AIGENCY_TEMPLATE_DIR. */
export const DAYTONA_TEMPLATE_LABEL = "aigency-template";
const GONE_STATES = new Set(["destroyed", "destroying"]);
const DEFAULT_LIFETIME_MINUTES = 60;

export interface DaytonaSessionsOptions {
  daytona: () => Daytona;
  snapshotFor: (template?: string) => Promise<string | undefined>;
  outputCapBytes: number;
  createTimeoutSeconds: number;
  retry: DaytonaRetryPolicy;
}

/** Daytona sandboxes kept across steps, addressed by id; handles are cached per process only. */
export function createDaytonaSessions(opts: DaytonaSessionsOptions): SandboxSessions {
  const cache = new Map<string, { sandbox: Sandbox; workDir?: string }>();
  const retrying = <T>(operation: string, call: () => Promise<T>) => withDaytonaRetry(operation, call, opts.retry);

  const fetchSandbox = async (id: string) => {
    try {
      const sandbox = await retrying("get sandbox", () => opts.daytona().get(id));
      if (GONE_STATES.has(sandbox.state ?? "")) throw new SandboxGoneError(id);
      return sandbox;
    } catch (err) {
      if (httpStatus(err) === 404) throw new SandboxGoneError(id);
      throw err;
    }
  };
  const entry = async (id: string) => {
    let found = cache.get(id);
    if (!found) cache.set(id, (found = { sandbox: await fetchSandbox(id) }));
    return found;
  };
  const stillThere = (id: string) =>
    fetchSandbox(id).then(
      () => true,
      (err: unknown) => (SandboxGoneError.is(err) ? false : Promise.reject(err)),
    );

  /** Runs a toolbox call; a 404 from it means the sandbox vanished when the control plane agrees. */
  const inSandbox = async <T>(
    id: string,
    operation: string,
    call: (sandbox: Sandbox, workDir: string) => Promise<T>,
  ) => {
    const found = await entry(id);
    try {
      return await retrying(operation, async () => {
        found.workDir ??= (await found.sandbox.getWorkDir()) ?? "/home/daytona";
        return call(found.sandbox, found.workDir);
      });
    } catch (err) {
      if (httpStatus(err) !== 404) throw err;
      cache.delete(id);
      if (!(await stillThere(id))) throw new SandboxGoneError(id);
      throw err;
    }
  };

  return {
    async create({ labels, template, maxLifetimeMinutes }) {
      const snapshot = await opts.snapshotFor(template);
      const lifetime = Math.max(1, Math.ceil(maxLifetimeMinutes ?? DEFAULT_LIFETIME_MINUTES));
      const sandbox = await retrying("create sandbox", () =>
        opts.daytona().create(
          {
            snapshot,
            language: "typescript",
            // A fresh object per try: the SDK adds its language label to the one it is given.
            labels: {
              ...labels,
              app: "aigency",
              ...(template ? { [DAYTONA_TEMPLATE_LABEL]: template } : {}),
            },
            // Backstops if nobody deletes it: gone once stopped, stopped when idle, destroyed at its TTL.
            ephemeral: true,
            autoStopInterval: lifetime,
            ttlMinutes: lifetime,
          },
          { timeout: opts.createTimeoutSeconds },
        ),
      );
      cache.set(sandbox.id, { sandbox });
      return { id: sandbox.id, snapshot: snapshot ?? null };
    },

    async upload(id, files) {
      files.forEach((f) => checkSandboxPath(f.path));
      await inSandbox(id, "upload", (sandbox, workDir) => uploadToDaytona(sandbox, workDir, files));
    },

    async exec(id, exec) {
      return inSandbox(id, "execute", (sandbox, workDir) => {
        const template = sandbox.labels?.[DAYTONA_TEMPLATE_LABEL];
        return executeInDaytona(sandbox, {
          command: exec.command,
          cwd: exec.cwd && exec.cwd !== "." ? path.posix.join(workDir, checkSandboxPath(exec.cwd)) : workDir,
          env: {
            ...exec.env,
            ...(template
              ? {
                  AIGENCY_TEMPLATE_DIR: path.posix.join(DAYTONA_TEMPLATE_ROOT, template),
                }
              : {}),
          },
          timeoutSeconds: exec.timeoutSeconds,
          capBytes: opts.outputCapBytes,
        });
      });
    },

    async download(id, paths, limits) {
      paths.forEach(checkSandboxPath);
      const { files, anyMissing } = await inSandbox(id, "download", (sandbox, workDir) =>
        downloadFromDaytona(sandbox, workDir, paths, limits),
      );
      if (anyMissing && !(await stillThere(id))) throw new SandboxGoneError(id);
      return files;
    },

    async delete(id) {
      const found = await entry(id).catch((err: unknown) =>
        SandboxGoneError.is(err) ? null : Promise.reject(err),
      );
      if (!found) return false;
      cache.delete(id);
      try {
        await retrying("delete sandbox", () => found.sandbox.delete());
        return true;
      } catch (err) {
        if (httpStatus(err) === 404) return false;
        throw err;
      }
    },

    async findByLabels(labels) {
      return retrying("list sandboxes", async () => {
        const ids: string[] = [];
        for await (const sandbox of opts.daytona().list({ labels: { ...labels, app: "aigency" } })) {
          if (!GONE_STATES.has(sandbox.state ?? "")) ids.push(sandbox.id);
        }
        return ids;
      });
    },

    async findLabelled(key) {
      // The list API matches label values only, so this lists ours and keeps those carrying the key.
      return retrying("list sandboxes", async () => {
        const found: { id: string; labels: Record<string, string> }[] = [];
        for await (const sandbox of opts.daytona().list({ labels: { app: "aigency" } })) {
          const labels = sandbox.labels ?? {};
          if (!GONE_STATES.has(sandbox.state ?? "") && key in labels) found.push({ id: sandbox.id, labels });
        }
        return found;
      });
    },
  };
}
